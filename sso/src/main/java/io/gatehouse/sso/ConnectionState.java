package io.gatehouse.sso;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a connection is in its lifecycle, and the rules between the states. A new connection is a
 * {@code DRAFT}: only a "Test connection" login goes through it, and the first that passes makes it
 * {@code ACTIVE}. An admin may stop an active connection ({@code INACTIVE}) and start it again.
 * A connection with no state recorded (it predates states, or was made in Keycloak's own console) is active.
 */
public enum ConnectionState {
    DRAFT, ACTIVE, INACTIVE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored text; anything unknown is read as {@code INACTIVE}, so a value this version cannot read signs no one in. */
    static ConnectionState stored(String value) {
        if (value == null) {
            return ACTIVE;
        }
        for (ConnectionState state : values()) {
            if (state.name().equals(value)) {
                return state;
            }
        }
        return INACTIVE;
    }

    /** What an admin asks for, such as {@code "inactive"}; draft is not something a connection can be sent back to. */
    static Optional<ConnectionState> requested(String value) {
        return "active".equals(value) ? Optional.of(ACTIVE) : "inactive".equals(value) ? Optional.of(INACTIVE) : Optional.empty();
    }

    /** Whether a login that is not a connection test may go through: only an active connection's. */
    public boolean signsIn() {
        return this == ACTIVE;
    }

    /** The state a passing test leaves: a draft becomes active; an inactive connection stays stopped until an admin starts it. */
    ConnectionState afterPassedTest() {
        return this == DRAFT ? ACTIVE : this;
    }

    /**
     * Why an admin may not move a connection from this state to {@code target}, or nothing when they may.
     * A draft becomes active only once a test passed; it cannot be made inactive, since starting it
     * again would then skip the test.
     */
    Optional<String> refusalOf(ConnectionState target, boolean testPassed) {
        if (target == ACTIVE && this == DRAFT && !testPassed) {
            return Optional.of("This connection was never tested: run Test connection, and the first test that passes activates it.");
        }
        if (target == INACTIVE && this == DRAFT) {
            return Optional.of("This connection is a draft, which signs no one in already. Test it to activate it, or delete it.");
        }
        return Optional.empty();
    }
}
