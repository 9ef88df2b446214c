package io.gatehouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * A sequenced event as the outbox keeps it. {@code data} is JSON text; {@link #toJson()} is the event
 * as consumers see it, the same in the pull API and in a webhook delivery.
 */
public record StoredEvent(long cursor, String id, String type, long createdAt, String organizationId, String data) {

    /** {@code {id, type, createdAt, organizationId, data}}, createdAt in ISO 8601 (UTC). */
    public ObjectNode toJson() {
        ObjectNode event = JsonSerialization.mapper.createObjectNode();
        event.put("id", id);
        event.put("type", type);
        event.put("createdAt", Instant.ofEpochMilli(createdAt).toString());
        event.put("organizationId", organizationId);
        event.set("data", dataNode());
        return event;
    }

    /** {@link #toJson()} with the event's cursor, for readers that page by it. */
    public ObjectNode toJsonWithCursor() {
        return toJson().put("cursor", cursor);
    }

    public JsonNode dataNode() {
        try {
            return JsonSerialization.mapper.readTree(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Event " + id + " holds data that is not JSON", e);
        }
    }
}
