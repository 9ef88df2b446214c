package io.gatehouse.sso.discovery;

import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * "Sign in with SSO" on the login page. It is not an IdP of its own: it asks for an email or an
 * organization name (or takes the external ID the app sent), then hands the login to that
 * organization's connection.
 */
final class SsoDiscoveryProvider extends AbstractIdentityProvider<IdentityProviderModel> {

    SsoDiscoveryProvider(KeycloakSession session, IdentityProviderModel config) {
        super(session, config);
    }

    /**
     * Asks for an email or organization name; when the app named the organization by its external
     * ID ({@value OrgExternalIdParameter#NAME}), goes on to that organization's connections instead.
     * An external ID that finds no connection gets the page an unknown domain gets.
     */
    @Override
    public Response performLogin(AuthenticationRequest request) {
        AuthenticationSessionModel authSession = request.getAuthenticationSession();
        String state = request.getState().getEncoded();
        return OrgExternalIdParameter.of(authSession)
                .map(externalId -> new ConnectionRouter(session, authSession)
                        .route(OrgFinder.of(session).findByExternalId(externalId), authSession.getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM))
                        .orElseGet(() -> SsoDiscoveryPages.askForIdentifier(session, authSession, request.getRedirectUri(), state, null,
                                SsoDiscoveryPages.NOT_FOUND)))
                .orElseGet(() -> SsoDiscoveryPages.askForIdentifier(session, authSession, request.getRedirectUri(), state, null, null));
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new SsoDiscoveryEndpoint(session, realm, callback, getConfig());
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        return Response.status(Response.Status.NOT_FOUND).build();
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity, UserSessionModel userSession, UserModel user) {
        return Response.status(Response.Status.NOT_FOUND).build();
    }
}
