package io.gatehouse.sso;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.SessionExpiration;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A login (one browser tab's authentication session) gets one refused IdP answer recorded: on the
 * connection's last error, the activity log and a pending test. Anyone can start a login and post
 * junk answers to its broker endpoint with their own cookie; the second and later ones of the same
 * login are only counted. The mark is a single-use object, which every node of the cluster sees,
 * set atomically, so concurrent answers of one login cannot both pass; it lives as long as the
 * login can.
 */
final class OneRefusalPerLogin {

    private static final String KEY = "gatehouse-refusal-recorded:";

    private OneRefusalPerLogin() {
    }

    /** True for the first refused answer of this login, false for every later one. */
    static boolean first(KeycloakSession session, AuthenticationSessionModel login) {
        String key = KEY + login.getParentSession().getId() + ":" + login.getTabId();
        return session.singleUseObjects().putIfAbsent(key, SessionExpiration.getAuthSessionLifespan(login.getRealm()));
    }
}
