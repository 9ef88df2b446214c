package io.gatehouse.scim.protocol;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** A user a directory deactivates is signed out everywhere at once; their data stays. */
final class Deactivation {

    private Deactivation() {
    }

    static void endSessions(KeycloakSession session, RealmModel realm, UserModel user) {
        session.sessions().removeUserSessions(realm, user);
    }
}
