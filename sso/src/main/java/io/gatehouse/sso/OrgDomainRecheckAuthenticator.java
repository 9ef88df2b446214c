package io.gatehouse.sso;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.org.GatehouseOrganizations;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The second look, in the post-broker-login flow: after every identity provider mapper has run,
 * the user's email must still belong to the organization of the connection they came through.
 * It catches a mapper that rewrote the email after {@link DomainEnforcementMapper} checked it.
 */
final class OrgDomainRecheckAuthenticator implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OrgDomainRecheckAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        SerializedBrokeredIdentityContext brokered = SerializedBrokeredIdentityContext.readFromAuthenticationSession(
                context.getAuthenticationSession(), PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT);
        IdentityProviderModel idp = brokered == null ? null
                : context.getSession().identityProviders().getByAlias(brokered.getIdentityProviderId());
        if (idp == null || idp.getOrganizationId() == null) {
            context.success();
            return;
        }
        UserModel user = context.getUser();
        boolean allowed = context.getSession().getProvider(GatehouseOrganizations.class).find(idp.getOrganizationId())
                .map(org -> EmailDomainPolicy.judge(user.getEmail(), org) == EmailDomainPolicy.Verdict.ALLOWED)
                .orElse(false);
        if (allowed) {
            context.success();
            return;
        }
        LOG.warnf("User '%s' came through connection '%s' but now has an email outside organization '%s'",
                user.getUsername(), idp.getAlias(), idp.getOrganizationId());
        context.getEvent().user(user)
                .detail(Details.IDENTITY_PROVIDER, idp.getAlias())
                .detail(LoginRefusal.DETAIL_ORG, idp.getOrganizationId())
                .detail(Details.REASON, "email_outside_org_after_mappers");
        context.failure(AuthenticationFlowError.ACCESS_DENIED,
                context.form().setError("gatehouseDomainNotAllowed").createErrorPage(Response.Status.FORBIDDEN));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return true;
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
