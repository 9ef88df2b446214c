package io.gatehouse.sso.discovery;

import io.gatehouse.sso.ConnectionStates;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Sends a login on to the enabled, active connections of the organization found (a draft or
 * stopped connection is never offered): straight to its one
 * connection, or to a choice among several. Nothing when there is no such organization or it has
 * no connection, so that every caller answers those cases with the same generic page.
 */
final class ConnectionRouter {

    private final KeycloakSession session;
    private final AuthenticationSessionModel authSession;
    private final ConnectionStates states;

    ConnectionRouter(KeycloakSession session, AuthenticationSessionModel authSession) {
        this.session = session;
        this.authSession = authSession;
        this.states = new ConnectionStates(session);
    }

    Optional<Response> route(Optional<OrganizationModel> org, String loginHint) {
        List<IdentityProviderModel> connections = org
                .map(OrganizationModel::getIdentityProviders)
                .map(s -> s.filter(IdentityProviderModel::isEnabled).filter(c -> states.of(c).state().signsIn()).toList())
                .orElse(List.of());
        if (connections.isEmpty()) {
            return Optional.empty();
        }
        if (connections.size() == 1) {
            return Optional.of(Response.seeOther(loginUrl(connections.get(0), loginHint)).build());
        }
        return Optional.of(SsoDiscoveryPages.chooseConnection(session, authSession, connections.stream()
                .map(c -> new SsoDiscoveryPages.ConnectionChoice(Optional.ofNullable(c.getDisplayName()).orElse(c.getAlias()),
                        loginUrl(c, loginHint).toString()))
                .toList()));
    }

    /** The same URL Keycloak's own identity provider buttons lead to, for this login in progress. */
    private URI loginUrl(IdentityProviderModel connection, String loginHint) {
        var realm = authSession.getRealm();
        String accessCode = new ClientSessionCode<>(session, realm, authSession).getOrGenerateCode();
        return Urls.identityProviderAuthnRequest(session.getContext().getUri().getBaseUri(), connection.getAlias(),
                realm.getName(), accessCode, authSession.getClient().getClientId(), authSession.getTabId(),
                AuthenticationProcessor.getClientData(session, authSession), loginHint);
    }
}
