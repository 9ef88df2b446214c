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

/**
 * "Sign in with SSO" on the login page. It is not an IdP of its own: it asks for an email or an
 * organization name, then hands the login to that organization's connection.
 */
final class SsoDiscoveryProvider extends AbstractIdentityProvider<IdentityProviderModel> {

    SsoDiscoveryProvider(KeycloakSession session, IdentityProviderModel config) {
        super(session, config);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        return SsoDiscoveryPages.askForIdentifier(session, request.getAuthenticationSession(),
                request.getRedirectUri(), request.getState().getEncoded(), null, null);
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
