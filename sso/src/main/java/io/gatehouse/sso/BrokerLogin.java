package io.gatehouse.sso;

import org.keycloak.broker.provider.util.IdentityBrokerState;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.saml.common.constants.GeneralConstants;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * The login an IdP's answer at a broker endpoint belongs to: the one this browser's
 * authentication-session cookie holds under the answer's state, found the way Keycloak finds it.
 * (Keycloak's error event comes to listeners in a session of its own, whose context holds no
 * login, and may come before Keycloak looked the login up.) An answer posted from another browser
 * belongs to no login.
 */
final class BrokerLogin {

    private BrokerLogin() {
    }

    static Optional<AuthenticationSessionModel> of(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        String state = state(session);
        if (realm == null || state == null) {
            return Optional.empty();
        }
        try {
            IdentityBrokerState broker = IdentityBrokerState.encoded(state, realm);
            ClientModel client = broker.getClientId() == null ? null : realm.getClientByClientId(broker.getClientId());
            return client == null || broker.getTabId() == null ? Optional.empty()
                    : Optional.ofNullable(new AuthenticationSessionManager(session).getCurrentAuthenticationSession(realm, client, broker.getTabId()));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** The broker's state as the IdP returned it: OIDC's {@code state}, SAML's {@code RelayState} (posted or redirected). */
    private static String state(KeycloakSession session) {
        HttpRequest request = session.getContext().getHttpRequest();
        String posted = "POST".equals(request.getHttpMethod())
                ? request.getDecodedFormParameters().getFirst(GeneralConstants.RELAY_STATE) : null;
        if (posted != null) {
            return posted;
        }
        var query = session.getContext().getUri().getQueryParameters();
        return query.getFirst("state") != null ? query.getFirst("state") : query.getFirst(GeneralConstants.RELAY_STATE);
    }
}
