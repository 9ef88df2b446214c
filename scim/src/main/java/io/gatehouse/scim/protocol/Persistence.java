package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.PersistenceExceptionConverter;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;

import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A directory's write, taken to the database before the SCIM answer is written: a unique
 * constraint that another request won (two POSTs of one userName) becomes a 409 here, not a failed
 * commit later, and a value the database cannot hold becomes a 400 that says so.
 */
final class Persistence {

    private Persistence() {
    }

    static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Runs a write and flushes it; {@code conflict} is the 409's message when a unique value is taken. */
    static <T> T write(KeycloakSession session, String conflict, Supplier<T> work) {
        try {
            T result = work.get();
            em(session).flush();
            return result;
        } catch (RuntimeException e) {
            RuntimeException converted = e instanceof PersistenceException p ? PersistenceExceptionConverter.convert(p) : e;
            if (converted instanceof ModelDuplicateException) {
                throw new ConflictException(conflict, ScimType.RFC7644.UNIQUENESS);
            }
            if (isDataException(e)) {
                throw new BadRequestException("A value holds characters this server's database cannot store, or is too long for it. "
                        + "Keycloak keeps user names and attributes on MariaDB and MySQL in utf8mb3 columns, which cannot hold characters "
                        + "outside Unicode's Basic Multilingual Plane, such as emoji.", ScimType.RFC7644.INVALID_VALUE);
            }
            throw converted;
        }
    }

    /** SQLSTATE class 22, "data exception": a value the column cannot hold (bad characters, too long). */
    private static boolean isDataException(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                return true;
            }
        }
        return false;
    }
}
