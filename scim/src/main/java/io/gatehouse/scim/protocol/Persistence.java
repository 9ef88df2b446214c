package io.gatehouse.scim.protocol;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.KeycloakSession;

/**
 * Writes reach the database before the SCIM answer is written, so a unique constraint that
 * another request won (two POSTs of one userName) becomes a 409 here, not a failed commit later.
 */
final class Persistence {

    private Persistence() {
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    static void flush(KeycloakSession session) {
        try {
            em(session).flush();
        } catch (PersistenceException e) {
            throw PersistenceExceptionConverter.convert(e);
        }
    }
}
