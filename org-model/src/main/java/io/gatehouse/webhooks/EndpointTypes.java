package io.gatehouse.webhooks;

import io.gatehouse.events.EventTypes;
import io.gatehouse.org.OrgRequestException;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/** The event types an endpoint takes, as stored (comma-separated, null for all) and as given (a list of catalogue names). */
final class EndpointTypes {

    private EndpointTypes() {
    }

    /** @throws OrgRequestException naming the first type that is not in the catalogue */
    static String stored(List<String> given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        TreeSet<String> types = new TreeSet<>();
        for (String type : given) {
            if (type == null || !EventTypes.ALL.contains(type)) {
                throw OrgRequestException.invalid("unknown_event_type", "'" + type + "' is not an event type; "
                        + "README's event catalogue lists them (such as organization.created).");
            }
            types.add(type);
        }
        return String.join(",", types);
    }

    static List<String> parse(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }
}
