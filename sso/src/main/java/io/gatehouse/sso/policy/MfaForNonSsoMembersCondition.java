package io.gatehouse.sso.policy;

import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;

/**
 * True for members of an organization with {@code mfaForNonSsoUsers} who have no OTP yet. It sits
 * in the local (non-SSO) sign-in flow before a required OTP form, so they must set OTP up on this
 * sign-in; from then on the standard "user configured" OTP step asks them for it every time.
 */
final class MfaForNonSsoMembersCondition implements ConditionalAuthenticator {

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        return context.getUser() != null
                && !context.getUser().credentialManager().isConfiguredFor(OTPCredentialModel.TYPE)
                && MemberPolicies.anyOrg(context.getSession(), context.getUser(), p -> p.mfaForNonSsoUsers());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
