package io.gatehouse.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryScheduleTest {

    private static final long T = 1_700_000_000_000L;

    @Test
    void follows_the_standard_webhooks_schedule_after_each_failure() {
        long[] delays = {5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000};
        for (int attempt = 1; attempt <= delays.length; attempt++) {
            assertEquals(OptionalLong.of(T + delays[attempt - 1]), RetrySchedule.nextAttemptAt(attempt, T), "after attempt " + attempt);
        }
    }

    @Test
    void gives_up_after_the_eighth_attempt() {
        assertEquals(8, RetrySchedule.attempts());
        assertEquals(OptionalLong.empty(), RetrySchedule.nextAttemptAt(8, T));
        assertEquals(OptionalLong.empty(), RetrySchedule.nextAttemptAt(0, T), "no attempt 0");
    }

    @Test
    void keeps_trying_for_more_than_a_day() {
        Duration total = RetrySchedule.DELAYS.stream().reduce(Duration.ZERO, Duration::plus);
        assertTrue(total.compareTo(Duration.ofHours(24)) > 0, total.toString());
        assertEquals(Duration.ofHours(27).plusMinutes(35).plusSeconds(5), total);
    }

    @Test
    void disables_an_endpoint_failing_for_five_days() {
        long now = T + Duration.ofDays(10).toMillis();
        long cutoff = RetrySchedule.disablesEndpointsFailingSince(now);
        assertEquals(now - Duration.ofDays(5).toMillis(), cutoff);
        assertTrue(T + Duration.ofDays(5).toMillis() <= cutoff, "failing since day 5, disabled on day 10");
        assertTrue(T + Duration.ofDays(6).toMillis() > cutoff, "failing since day 6, not yet");
    }
}
