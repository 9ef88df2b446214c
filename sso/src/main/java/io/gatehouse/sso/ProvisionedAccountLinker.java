package io.gatehouse.sso;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.ExistingUserInfo;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * In the first broker login, between Keycloak's {@code idp-create-user-if-unique} (which found an
 * account with the login's email and left it in the authentication session) and the confirm-link
 * steps: links the login to that account without asking when {@link ProvisionedAccount} shows it is
 * the person the connection's organization provisioned, as Keycloak's {@code idp-auto-link} links.
 * Otherwise it steps aside ({@code attempted}) and Keycloak's confirm-and-prove steps run. A check that
 * cannot decide steps aside too: it never throws, and it never links.
 */
final class ProvisionedAccountLinker implements Authenticator {

    private static final Logger LOG = Logger.getLogger(ProvisionedAccountLinker.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String existing = authSession.getAuthNote(AbstractIdpAuthenticator.EXISTING_USER_INFO);
        SerializedBrokeredIdentityContext serialized = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (existing == null || serialized == null) {
            context.attempted();
            return;
        }
        BrokeredIdentityContext login;
        UserModel account;
        ProvisionedAccount.Decision decision;
        boolean provesEmail;
        try {
            login = serialized.deserialize(context.getSession(), authSession);
            account = context.getSession().users().getUserById(context.getRealm(), ExistingUserInfo.deserialize(existing).getExistingUserId());
            ProvisionedAccount facts = account == null ? null : ProvisionedAccount.of(context.getSession(), login, account);
            decision = facts == null ? new ProvisionedAccount.Decision(ProvisionedAccount.Outcome.ASK, "account_gone") : facts.decide();
            provesEmail = facts != null && facts.provesEmail();
        } catch (RuntimeException undecidable) {
            LOG.warnf("Could not tell whether the first login through '%s' is a provisioned account; Keycloak's linking steps decide: %s",
                    serialized.getIdentityProviderId(), undecidable.toString());
            context.attempted();
            return;
        }
        switch (decision.outcome()) {
            case LINK -> link(context, login, account, provesEmail);
            case DISABLED -> refuseDisabled(context, login, account);
            case ASK -> {
                LOG.infof("First login through '%s' for existing user '%s' is left to Keycloak's linking steps: %s",
                        login.getIdpConfig().getAlias(), account == null ? "?" : account.getUsername(), decision.reason());
                context.attempted();
            }
        }
    }

    private static void link(AuthenticationFlowContext context, BrokeredIdentityContext login, UserModel account, boolean provesEmail) {
        LOG.infof("Linking the first login through connection '%s' of organization '%s' to user '%s', a member it provisioned",
                login.getIdpConfig().getAlias(), login.getIdpConfig().getOrganizationId(), account.getUsername());
        if (provesEmail && !account.isEmailVerified()) {
            // otherwise a realm that verifies emails (the production template) stops the person on Keycloak's verify-email page
            account.setEmailVerified(true);
        }
        context.setUser(account);
        context.success();
    }

    private static void refuseDisabled(AuthenticationFlowContext context, BrokeredIdentityContext login, UserModel account) {
        LOG.infof("Refused the first login through connection '%s' for user '%s': the account is disabled",
                login.getIdpConfig().getAlias(), account.getUsername());
        context.getEvent().user(account)
                .detail(Details.IDENTITY_PROVIDER, login.getIdpConfig().getAlias())
                .detail(LoginRefusal.DETAIL_ORG, login.getIdpConfig().getOrganizationId())
                .error(Errors.USER_DISABLED);
        context.failure(AuthenticationFlowError.USER_DISABLED,
                context.form().setError(Messages.ACCOUNT_DISABLED).createErrorPage(Response.Status.FORBIDDEN));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
