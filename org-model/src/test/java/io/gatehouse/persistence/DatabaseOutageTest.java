package io.gatehouse.persistence;

import org.junit.jupiter.api.Test;

import java.io.EOFException;
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
    void a_network_failure_inside_the_connection_pool_is_an_outage_and_any_other_is_not() {
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("Database operation failed",
                thrownBy(new ConnectException("Connection refused"), "io.agroal.pool.ConnectionFactory"))));
        assertTrue(DatabaseOutage.causedBy(new IllegalStateException("Database operation failed",
                thrownBy(new EOFException(), "io.agroal.pool.wrapper.PreparedStatementWrapper"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("fetch failed",
                thrownBy(new ConnectException("Connection refused"), "io.gatehouse.outbound.DocumentFetcher"))));
        assertFalse(DatabaseOutage.causedBy(new IllegalStateException("read failed", thrownBy(new EOFException(), "java.io.DataInputStream"))));
    }

    private static <T extends Exception> T thrownBy(T failure, String by) {
        failure.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("sun.nio.ch.Net", "poll", "Net.java", 1),
                new StackTraceElement(by, "call", "X.java", 2)});
        return failure;
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
