package io.gatehouse.persistence;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseOutageTest {

    @Test
    void a_broken_or_refused_connection_is_an_outage_however_deeply_it_is_wrapped() {
        SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006", new IOException("reset"));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("JDBC exception executing SQL", ioError)));
        assertTrue(DatabaseOutage.causedBy(new RuntimeException(new RuntimeException(new SQLException("Connection refused", "08001")))));
        assertTrue(DatabaseOutage.causedBy(new SQLTransientConnectionException("Acquisition timeout while waiting for new connection")));
    }

    @Test
    void a_connection_the_pool_could_not_open_is_an_outage_and_any_other_refused_connection_is_not() {
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("Database operation failed", refused("io.agroal.pool.ConnectionFactory"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("fetch failed", refused("io.gatehouse.outbound.DocumentFetcher"))));
    }

    private static ConnectException refused(String by) {
        ConnectException refused = new ConnectException("Connection refused");
        refused.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.nio.ch.Net", "pollConnect", "Net.java", 1),
                new StackTraceElement(by, "createConnection", "X.java", 2)});
        return refused;
    }

    @Test
    void a_request_the_database_refused_is_not_an_outage() {
        assertFalse(DatabaseOutage.causedBy(new RuntimeException(new SQLIntegrityConstraintViolationException("duplicate key", "23505"))));
        assertFalse(DatabaseOutage.causedBy(new SQLException("value too long", "22001")));
        assertFalse(DatabaseOutage.causedBy(new SQLException("no state")));
        assertFalse(DatabaseOutage.causedBy(new IllegalArgumentException("not a database failure")));
        assertFalse(DatabaseOutage.causedBy(null));
    }

    @Test
    void a_cause_chain_that_loops_ends() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(DatabaseOutage.causedBy(first));
    }
}
