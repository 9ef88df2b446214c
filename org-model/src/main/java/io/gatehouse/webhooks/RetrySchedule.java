package io.gatehouse.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * When a failed delivery is tried again, and when an endpoint that keeps failing is given up on. The
 * delays are Standard Webhooks' (Svix's): 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first
 * attempt, so an event is tried eight times over 27 h 35 min before it is given up; an endpoint that
 * has not answered 2xx for {@link #DISABLE_AFTER} while it failed is disabled, since its owner is
 * evidently not reading it.
 */
public final class RetrySchedule {

    static final List<Duration> DELAYS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);

    private RetrySchedule() {
    }

    /** How many attempts a delivery gets in all. */
    public static int attempts() {
        return DELAYS.size() + 1;
    }

    /**
     * When the next attempt is due, after attempt number {@code attempt} (1 is the first) failed at
     * {@code failedAt} (epoch millis); empty when that was the last one.
     */
    public static OptionalLong nextAttemptAt(int attempt, long failedAt) {
        if (attempt < 1 || attempt > DELAYS.size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(failedAt + DELAYS.get(attempt - 1).toMillis());
    }

    /** At {@code now}, an endpoint that has been failing since this moment or before, with no success since, is disabled. */
    public static long disablesEndpointsFailingSince(long now) {
        return now - DISABLE_AFTER.toMillis();
    }
}
