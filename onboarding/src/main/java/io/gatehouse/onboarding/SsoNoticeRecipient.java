package io.gatehouse.onboarding;

import io.gatehouse.sso.policy.MemberPolicies;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * Who is told that their organization signs in with SSO now: an unmanaged member (the query leaves
 * managed members out, as they came in through SSO or SCIM) who signs in with a password of their
 * own, can be mailed and may sign in. The vendor's support account and other break-glass accounts
 * keep their password on purpose and are not asked to link.
 */
record SsoNoticeRecipient(boolean enabled, String email, boolean hasPassword, boolean supportAccount, boolean breakGlass) {

    static SsoNoticeRecipient of(RealmModel realm, UserModel user) {
        RoleModel breakGlass = realm.getRole(MemberPolicies.BREAK_GLASS_ROLE);
        return new SsoNoticeRecipient(user.isEnabled(), user.getEmail(),
                user.credentialManager().getStoredCredentialsByTypeStream(PasswordCredentialModel.TYPE).findAny().isPresent(),
                SupportAccounts.orgOf(user).isPresent(), breakGlass != null && user.hasRole(breakGlass));
    }

    boolean isMailed() {
        return enabled && email != null && !email.isBlank() && hasPassword && !supportAccount && !breakGlass;
    }
}
