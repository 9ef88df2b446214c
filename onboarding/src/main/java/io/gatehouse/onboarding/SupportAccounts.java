package io.gatehouse.onboarding;

import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.secrets.Secrets;
import io.gatehouse.sso.policy.MemberPolicies;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserCredentialModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.utils.HmacOTP;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.utils.TotpUtils;

import java.util.Optional;

/**
 * The vendor's support account for an organization: a member with a generated password and a
 * TOTP authenticator, exempt from ssoRequired as a break-glass account. Its logins go to the
 * organization's activity log ({@link SupportAccountLogins}).
 */
public final class SupportAccounts {

    static final String ORG_ATTRIBUTE = "gatehouse.supportAccountOf";
    private static final String PASSWORD_PREFIX = "Gh1!";
    private static final String NO_MAIL_DOMAIN = "support.invalid";
    private static final int TOTP_SECRET_LENGTH = 32;
    private static final Logger LOG = Logger.getLogger(SupportAccounts.class);

    private final KeycloakSession session;

    public SupportAccounts(KeycloakSession session) {
        this.session = session;
    }

    public SupportAccount create(String orgId) {
        Org org = session.getProvider(GatehouseOrganizations.class).get(orgId);
        RealmModel realm = session.getContext().getRealm();
        String username = "support." + org.alias();
        if (session.users().getUserByUsername(realm, username) != null) {
            throw OrgRequestException.conflict("support_account_exists", "Organization '" + org.alias() + "' already has a support account, '" + username + "'.");
        }
        UserModel user = session.users().addUser(realm, username);
        user.setEnabled(true);
        // A reserved domain (RFC 2606) that receives no mail: the realm's profile gets the email it requires,
        // and no mail meant for the vendor's support ever reaches someone at the customer.
        user.setEmail(username + "@" + NO_MAIL_DOMAIN);
        user.setEmailVerified(true);
        user.setFirstName("Support");
        user.setLastName(org.name());
        user.setSingleAttribute(ORG_ATTRIBUTE, orgId);
        String password = Secrets.mint(PASSWORD_PREFIX);
        user.credentialManager().updateCredential(UserCredentialModel.password(password, false));
        String totpSecret = HmacOTP.generateSecret(TOTP_SECRET_LENGTH);
        user.credentialManager().createStoredCredential(OTPCredentialModel.createFromPolicy(realm, totpSecret, "support"));
        user.grantRole(breakGlassRole(realm));
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations.getById(orgId);
        organizations.addMember(organization, user);
        LOG.infof("Created support account '%s' for organization '%s'", username, orgId);
        return new SupportAccount(user.getId(), username, password, TotpUtils.encode(totpSecret),
                realm.getOTPPolicy().getKeyURI(realm, user, totpSecret), TotpUtils.qrCode(session, totpSecret, realm, user));
    }

    /** The organization a user is the support account of, if any. */
    static Optional<String> orgOf(UserModel user) {
        return Optional.ofNullable(user.getFirstAttribute(ORG_ATTRIBUTE));
    }

    /**
     * The break-glass role, made empty the first time. It must stay a bare marker: a support account's
     * password is handed out, so a role someone gave composites (realm-admin, say) is refused rather
     * than granted with it.
     */
    private static RoleModel breakGlassRole(RealmModel realm) {
        RoleModel role = realm.getRole(MemberPolicies.BREAK_GLASS_ROLE);
        if (role == null) {
            return realm.addRole(MemberPolicies.BREAK_GLASS_ROLE);
        }
        if (role.isComposite()) {
            throw OrgRequestException.conflict("break_glass_role_composite", "The realm role '" + MemberPolicies.BREAK_GLASS_ROLE
                    + "' has composite roles, so a support account would get more than the exemption from ssoRequired. Remove its composites first.");
        }
        return role;
    }
}
