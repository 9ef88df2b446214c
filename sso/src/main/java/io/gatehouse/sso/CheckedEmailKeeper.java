package io.gatehouse.sso;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.org.GatehouseOrganizations;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/**
 * Keeps the email the domain check passed on the account, whatever Keycloak's sync or another
 * identity provider mapper writes after the check (a hardcoded or attribute-importer mapper on
 * {@code email}, in any realm and whatever flows it binds). Mappers run in no fixed order, so the
 * look happens at the end of the request, as a prepare step of its transaction, after all of them:
 * an account whose email is then outside the organization's domains gets the checked email back.
 * It fails closed: an organization that is gone, or no checked email, leaves the account no email
 * rather than a foreign one.
 */
final class CheckedEmailKeeper {

    private static final Logger LOG = Logger.getLogger(CheckedEmailKeeper.class);
    private static final String CHECKED_EMAIL = "gatehouse.checked_email";

    private CheckedEmailKeeper() {
    }

    /** The email the domain check passed; it travels with the brokered login across the first-login steps. */
    static void remember(BrokeredIdentityContext context, String email) {
        context.getContextData().put(CHECKED_EMAIL, email);
    }

    /** The email the domain check passed on this login, or null if it passed none. */
    static String checkedEmail(BrokeredIdentityContext context) {
        return context.getContextData().get(CHECKED_EMAIL) instanceof String email ? email : null;
    }

    /** After every mapper of this request has run, the account's email is the checked one or another one in the org's domains. */
    static void keepOn(KeycloakSession session, UserModel user, BrokeredIdentityContext context) {
        String orgId = context.getIdpConfig().getOrganizationId();
        String alias = context.getIdpConfig().getAlias();
        String checked = checkedEmail(context);
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                String stored = user.getEmail();
                if (stored == null || stored.equalsIgnoreCase(checked) || inOrg(session, stored, orgId)) {
                    return;
                }
                String restored = checked != null && inOrg(session, checked, orgId) ? checked : null;
                LOG.warnf("A mapper of identity provider '%s' set the email of user '%s' outside organization '%s' after the domain check;"
                        + " the account keeps %s", alias, user.getUsername(), orgId, restored == null ? "no email" : "the checked email");
                user.setEmail(restored);
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private static boolean inOrg(KeycloakSession session, String email, String orgId) {
        return orgId != null && session.getProvider(GatehouseOrganizations.class).find(orgId)
                .map(org -> EmailDomainPolicy.judge(email, org) == EmailDomainPolicy.Verdict.ALLOWED)
                .orElse(false);
    }
}
