package io.gatehouse.persistence;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;

/**
 * Whether a failure means the database is out of reach, not that a request was wrong: the driver
 * could not connect, a connection broke mid-query, or the pool gave up waiting for one. Keycloak
 * sometimes hands on only the network's failure ({@code ModelException} caused by a
 * {@link ConnectException} or an {@link java.io.EOFException}); that counts when it happened inside
 * Keycloak's connection pool (Agroal), so a failed outbound fetch never does. Such a
 * request is answered 503 (retry later) instead of 500, and it has changed nothing, since nothing
 * could be committed.
 */
public final class DatabaseOutage {

    /** SQLSTATE class 08, "connection exception", as PostgreSQL's and MariaDB's drivers report it. */
    private static final String CONNECTION_EXCEPTION = "08";
    private static final int DEEPEST_CAUSE = 20;
    private static final String CONNECTION_POOL = "io.agroal.";

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < DEEPEST_CAUSE; depth++, cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                return true;
            }
            if (cause instanceof IOException && byConnectionPool(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean byConnectionPool(Throwable failure) {
        return Arrays.stream(failure.getStackTrace()).anyMatch(frame -> frame.getClassName().startsWith(CONNECTION_POOL));
    }
}
