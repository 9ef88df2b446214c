package io.gatehouse.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoredEventTest {

    private final StoredEvent event = new StoredEvent(42, "e1", EventTypes.DIRECTORY_USER_CREATED, 1_700_000_000_123L, "org1",
            "{\"id\":\"u1\",\"active\":true}");

    @Test
    void public_json_has_the_five_fields_with_an_iso_timestamp_and_the_data_as_an_object() {
        ObjectNode json = event.toJson();
        assertEquals(Set.of("id", "type", "createdAt", "organizationId", "data"), Set.copyOf(iterable(json)));
        assertEquals("2023-11-14T22:13:20.123Z", json.get("createdAt").asText());
        assertEquals("directory.user.created", json.get("type").asText());
        assertEquals("u1", json.get("data").get("id").asText());
        assertTrue(json.get("data").get("active").asBoolean());
    }

    @Test
    void the_pull_form_adds_the_cursor() {
        assertEquals(42, event.toJsonWithCursor().get("cursor").asLong());
    }

    @Test
    void a_realm_level_event_has_a_null_organization() {
        ObjectNode json = new StoredEvent(1, "e2", EventTypes.ORGANIZATION_CREATED, 0, null, "{}").toJson();
        assertTrue(json.get("organizationId").isNull());
    }

    @Test
    void filter_matches_by_type_and_organization_and_everything_when_empty() {
        assertTrue(EventFilter.ALL.matches("organization.created", null));
        EventFilter filter = new EventFilter(Set.of("a", "b"), Optional.of("org1"));
        assertTrue(filter.matches("a", "org1"));
        assertFalse(filter.matches("c", "org1"));
        assertFalse(filter.matches("a", "org2"));
        assertFalse(filter.matches("a", null));
        assertTrue(new EventFilter(Set.of(), Optional.of(" ")).matches("x", "any"), "a blank organization is no filter");
    }

    @Test
    void every_catalogue_type_is_lower_case_dotted_and_fits_its_column() {
        assertEquals(25, EventTypes.ALL.size());
        EventTypes.ALL.forEach(type -> assertTrue(type.matches("[a-z_]+(\\.[a-z_]+)+") && type.length() <= 64, type));
    }

    private static List<String> iterable(ObjectNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
