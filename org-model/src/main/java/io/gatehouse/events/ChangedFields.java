package io.gatehouse.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.util.JsonSerialization;

import java.util.Set;
import java.util.TreeSet;

/**
 * The data of an {@code *.updated} event: the object after the change, with {@code changedFields},
 * the names of its top-level fields whose value differs from before (sorted). Bookkeeping fields
 * such as SCIM's {@code meta} are not changes of the object.
 */
public final class ChangedFields {

    public static final String FIELD = "changedFields";

    private ChangedFields() {
    }

    /** The names of the fields of {@code after} that differ from {@code before}, or are gone, leaving out {@code ignored}. */
    public static Set<String> between(JsonNode before, JsonNode after, Set<String> ignored) {
        Set<String> changed = new TreeSet<>();
        after.fieldNames().forEachRemaining(name -> {
            if (!ignored.contains(name) && !after.get(name).equals(before.get(name))) {
                changed.add(name);
            }
        });
        before.fieldNames().forEachRemaining(name -> {
            if (!ignored.contains(name) && !after.has(name) && !before.get(name).isNull()) {
                changed.add(name);
            }
        });
        return changed;
    }

    /** A copy of {@code after} as an object, with {@value #FIELD} added. */
    public static ObjectNode data(JsonNode after, Set<String> changed) {
        ObjectNode data = JsonSerialization.mapper.createObjectNode();
        data.setAll((ObjectNode) after.deepCopy());
        ArrayNode names = data.putArray(FIELD);
        changed.forEach(names::add);
        return data;
    }

    /** Any object as the JSON its API shows. */
    public static JsonNode json(Object object) {
        return JsonSerialization.mapper.valueToTree(object);
    }
}
