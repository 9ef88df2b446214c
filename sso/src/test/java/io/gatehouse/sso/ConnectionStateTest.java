package io.gatehouse.sso;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionStateTest {

    @Test
    void no_state_recorded_is_active_so_connections_from_before_states_keep_working() {
        assertEquals(ConnectionState.ACTIVE, ConnectionState.stored(null));
        assertTrue(ConnectionState.stored(null).signsIn());
    }

    @Test
    void a_stored_state_this_version_cannot_read_signs_no_one_in() {
        assertEquals(ConnectionState.INACTIVE, ConnectionState.stored("SUSPENDED"));
        assertEquals(ConnectionState.INACTIVE, ConnectionState.stored("active"));
        assertEquals(ConnectionState.DRAFT, ConnectionState.stored("DRAFT"));
    }

    @Test
    void only_an_active_connection_signs_people_in() {
        assertTrue(ConnectionState.ACTIVE.signsIn());
        assertFalse(ConnectionState.DRAFT.signsIn());
        assertFalse(ConnectionState.INACTIVE.signsIn());
    }

    @Test
    void a_passing_test_activates_a_draft_but_does_not_restart_a_stopped_connection() {
        assertEquals(ConnectionState.ACTIVE, ConnectionState.DRAFT.afterPassedTest());
        assertEquals(ConnectionState.ACTIVE, ConnectionState.ACTIVE.afterPassedTest());
        assertEquals(ConnectionState.INACTIVE, ConnectionState.INACTIVE.afterPassedTest());
    }

    @Test
    void a_draft_that_was_never_tested_cannot_be_activated() {
        assertTrue(ConnectionState.DRAFT.refusalOf(ConnectionState.ACTIVE, false).orElseThrow().contains("never tested"));
        assertEquals(Optional.empty(), ConnectionState.DRAFT.refusalOf(ConnectionState.ACTIVE, true));
    }

    @Test
    void a_draft_cannot_be_made_inactive_since_restarting_it_would_skip_the_test() {
        assertTrue(ConnectionState.DRAFT.refusalOf(ConnectionState.INACTIVE, false).isPresent());
        assertTrue(ConnectionState.DRAFT.refusalOf(ConnectionState.INACTIVE, true).isPresent());
    }

    @Test
    void an_active_connection_can_be_stopped_and_started_again_tested_or_not() {
        assertEquals(Optional.empty(), ConnectionState.ACTIVE.refusalOf(ConnectionState.INACTIVE, false));
        assertEquals(Optional.empty(), ConnectionState.INACTIVE.refusalOf(ConnectionState.ACTIVE, false));
        assertEquals(Optional.empty(), ConnectionState.ACTIVE.refusalOf(ConnectionState.ACTIVE, false));
    }

    @Test
    void an_admin_asks_only_for_active_or_inactive() {
        assertEquals(Optional.of(ConnectionState.ACTIVE), ConnectionState.requested("active"));
        assertEquals(Optional.of(ConnectionState.INACTIVE), ConnectionState.requested("inactive"));
        assertEquals(Optional.empty(), ConnectionState.requested("draft"));
        assertEquals(Optional.empty(), ConnectionState.requested("ACTIVE"));
        assertEquals(Optional.empty(), ConnectionState.requested(null));
    }
}
