package io.gatehouse.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads {@code GET /events} as an app does: page after page by {@code nextCursor}, until a page is empty. */
final class EventPages {

    private final GatehouseApi api;

    EventPages(GatehouseApi api) {
        this.api = api;
    }

    /** One page; fails the test unless it is a 200 with strictly growing cursors above {@code after}. */
    Page page(long after, String query) {
        ApiResponse answer = api.get("/events?after=" + after + (query.isEmpty() ? "" : "&" + query));
        assertEquals(200, answer.status(), answer.toString());
        List<JsonNode> events = new ArrayList<>();
        long last = after;
        for (JsonNode event : answer.body().get("events")) {
            long cursor = event.get("cursor").asLong();
            assertTrue(cursor > last, "cursors grow: " + cursor + " after " + last);
            last = cursor;
            events.add(event);
        }
        long next = answer.body().get("nextCursor").asLong();
        assertEquals(last, next, "nextCursor is the last event's cursor, or after when the page is empty");
        return new Page(events, next);
    }

    /** Every event after {@code after}, read to the end. */
    List<JsonNode> all(long after, String query) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = after;
        while (true) {
            Page page = page(cursor, query);
            if (page.events().isEmpty()) {
                return events;
            }
            events.addAll(page.events());
            cursor = page.nextCursor();
        }
    }

    /** The events of one organization of one type, from the start. */
    List<JsonNode> of(String orgId, String type) {
        return all(0, "organizationId=" + orgId + "&types=" + type);
    }

    record Page(List<JsonNode> events, long nextCursor) {
    }
}
