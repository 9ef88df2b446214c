package io.gatehouse.sso.discovery;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Receives what the person typed, finds their organization and sends the login on to its
 * connection (or lets them choose). Unknown domains and unknown organizations get the same answer,
 * so the page does not reveal which organizations exist.
 */
public final class SsoDiscoveryEndpoint {

    private static final Logger LOG = Logger.getLogger(SsoDiscoveryEndpoint.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthenticationCallback callback;
    private final IdentityProviderModel discovery;

    SsoDiscoveryEndpoint(KeycloakSession session, RealmModel realm, AuthenticationCallback callback, IdentityProviderModel discovery) {
        this.session = session;
        this.realm = realm;
        this.callback = callback;
        this.discovery = discovery;
    }

    @POST
    public Response discover(@FormParam("state") String state, @FormParam("identifier") String identifier) {
        if (state == null || state.isBlank()) {
            return ErrorPage.error(session, null, Response.Status.BAD_REQUEST, Messages.INVALID_REQUEST);
        }
        AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state);
        String loginHint = identifier != null && identifier.contains("@") ? identifier.strip() : null;
        return new ConnectionRouter(session, authSession).route(OrgFinder.of(session).find(identifier), loginHint)
                .orElseGet(() -> {
                    LOG.debugf("No SSO connection for what was typed in realm '%s'", realm.getName());
                    return SsoDiscoveryPages.askForIdentifier(session, authSession, actionUrl(), state, identifier, SsoDiscoveryPages.NOT_FOUND);
                });
    }

    private String actionUrl() {
        return Urls.identityProviderAuthnResponse(session.getContext().getUri().getBaseUri(), discovery.getAlias(), realm.getName()).toString();
    }
}
