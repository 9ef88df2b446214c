package io.gatehouse.sso.discovery;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderStorageProvider.FetchMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * A browser-flow step beside Keycloak's {@code kc_idp_hint} redirector: when the app sent
 * {@value OrgExternalIdParameter#NAME}, the login goes to "Sign in with SSO", which takes it on
 * to that organization's connection (or its choice, or the generic page when the ID finds none).
 * Without the parameter the step is skipped.
 */
final class OrgExternalIdRedirector implements Authenticator {

    private static final Logger LOG = Logger.getLogger(OrgExternalIdRedirector.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        if (context.getForwardedErrorMessage() != null || OrgExternalIdParameter.of(authSession).isEmpty()) {
            context.attempted();
            return;
        }
        Optional<IdentityProviderModel> discovery = discoveryOf(context.getSession());
        if (discovery.isEmpty()) {
            LOG.warnf("Realm '%s' got %s but has no enabled '%s' identity provider; showing the usual login",
                    context.getRealm().getName(), OrgExternalIdParameter.NAME, SsoDiscoveryProviderFactory.ID);
            context.attempted();
            return;
        }
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), authSession).getOrGenerateCode();
        context.forceChallenge(Response.seeOther(Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(),
                discovery.get().getAlias(), context.getRealm().getName(), accessCode, authSession.getClient().getClientId(),
                authSession.getTabId(), AuthenticationProcessor.getClientData(context.getSession(), authSession), null)).build());
    }

    /** The realm's "Sign in with SSO" provider (realm-level, enabled, offered for login). */
    private static Optional<IdentityProviderModel> discoveryOf(KeycloakSession session) {
        return session.identityProviders().getForLogin(FetchMode.REALM_ONLY, null)
                .filter(idp -> SsoDiscoveryProviderFactory.ID.equals(idp.getProviderId()))
                .findFirst();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
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
