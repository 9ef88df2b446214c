package io.gatehouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ChangedFieldsTest {

    @Test
    void names_the_fields_that_differ_appeared_or_went_sorted_and_leaves_out_the_ignored() throws IOException {
        JsonNode before = json("{\"name\":\"Ada\",\"title\":\"Eng\",\"emails\":[{\"value\":\"a@x\"}],\"meta\":{\"v\":1},\"gone\":1}");
        JsonNode after = json("{\"name\":\"Ada\",\"title\":\"CTO\",\"emails\":[{\"value\":\"b@x\"}],\"meta\":{\"v\":2},\"nick\":\"A\"}");
        assertEquals(Set.of("emails", "gone", "nick", "title"), ChangedFields.between(before, after, Set.of("meta")));
        assertEquals("[emails, gone, nick, title]", ChangedFields.between(before, after, Set.of("meta")).toString());
    }

    @Test
    void a_field_going_from_null_to_absent_is_no_change() throws IOException {
        assertEquals(Set.of(), ChangedFields.between(json("{\"a\":null,\"b\":1}"), json("{\"b\":1}"), Set.of()));
    }

    @Test
    void the_data_is_the_object_after_with_the_changed_fields() throws IOException {
        ObjectNode data = ChangedFields.data(json("{\"name\":\"B\"}"), Set.of("name"));
        assertEquals("{\"name\":\"B\",\"changedFields\":[\"name\"]}", data.toString());
    }

    private static JsonNode json(String text) throws IOException {
        return JsonSerialization.mapper.readTree(text);
    }
}
