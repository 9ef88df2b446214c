package io.gatehouse.sso.discovery;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.ErrorPage;
import org.keycloak.services.Urls;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.List;
import java.util.Optional;

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
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        List<IdentityProviderModel> connections = new OrgFinder(organizations).find(identifier)
                .map(OrganizationModel::getIdentityProviders)
                .map(s -> s.filter(IdentityProviderModel::isEnabled).toList())
                .orElse(List.of());
        if (connections.isEmpty()) {
            LOG.debugf("No SSO connection for what was typed in realm '%s'", realm.getName());
            return SsoDiscoveryPages.askForIdentifier(session, authSession, actionUrl(), state, identifier, SsoDiscoveryPages.NOT_FOUND);
        }
        String loginHint = identifier.contains("@") ? identifier.strip() : null;
        if (connections.size() == 1) {
            return Response.seeOther(loginUrl(authSession, connections.get(0), loginHint)).build();
        }
        return SsoDiscoveryPages.chooseConnection(session, authSession, connections.stream()
                .map(c -> new SsoDiscoveryPages.ConnectionChoice(Optional.ofNullable(c.getDisplayName()).orElse(c.getAlias()),
                        loginUrl(authSession, c, loginHint).toString()))
                .toList());
    }

    /** The same URL Keycloak's own identity provider buttons lead to, for this login in progress. */
    private URI loginUrl(AuthenticationSessionModel authSession, IdentityProviderModel connection, String loginHint) {
        String accessCode = new ClientSessionCode<>(session, realm, authSession).getOrGenerateCode();
        return Urls.identityProviderAuthnRequest(session.getContext().getUri().getBaseUri(), connection.getAlias(),
                realm.getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(session, authSession), loginHint);
    }

    private String actionUrl() {
        return Urls.identityProviderAuthnResponse(session.getContext().getUri().getBaseUri(), discovery.getAlias(), realm.getName()).toString();
    }
}
