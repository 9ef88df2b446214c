package io.gatehouse.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IsoTimesTest {

    record Link(String id, long createdAt, Long usedAt, Long expiresAt, long time, long ttlSeconds, int count, String updatedAt) {
    }

    @Test
    void writes_epoch_millis_named_as_times_in_iso_8601_utc() {
        String json = Json.write(new Link("l1", 1_764_618_443_123L, null, 0L, 86_400_000L, 3600, 7, "as sent"));

        assertEquals("{\"id\":\"l1\",\"createdAt\":\"2025-12-01T19:47:23.123Z\",\"usedAt\":null,"
                + "\"expiresAt\":\"1970-01-01T00:00:00Z\",\"time\":\"1970-01-02T00:00:00Z\","
                + "\"ttlSeconds\":3600,\"count\":7,\"updatedAt\":\"as sent\"}", json);
    }

    @Test
    void only_long_properties_named_time_or_ending_in_At_or_Since_are_times() {
        assertTrue(IsoTimes.isTime("createdAt", long.class));
        assertTrue(IsoTimes.isTime("lastUsedAt", Long.class));
        assertTrue(IsoTimes.isTime("time", long.class));
        assertTrue(IsoTimes.isTime("failingSince", Long.class));
        assertFalse(IsoTimes.isTime("Since", long.class));
        assertFalse(IsoTimes.isTime("At", long.class));
        assertFalse(IsoTimes.isTime("format", long.class));
        assertFalse(IsoTimes.isTime("ttlSeconds", long.class));
        assertFalse(IsoTimes.isTime("createdAt", String.class));
        assertFalse(IsoTimes.isTime("createdAt", int.class));
    }
}
