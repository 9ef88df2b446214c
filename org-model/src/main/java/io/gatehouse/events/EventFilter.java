package io.gatehouse.events;

import java.util.Optional;
import java.util.Set;

/**
 * Which events a reader asks for: any of {@code types} (all when empty), of one organization when
 * {@code organizationId} is given.
 */
public record EventFilter(Set<String> types, Optional<String> organizationId) {

    public static final EventFilter ALL = new EventFilter(Set.of(), Optional.empty());

    public EventFilter {
        types = Set.copyOf(types);
        organizationId = organizationId.filter(id -> !id.isBlank());
    }

    public boolean matches(String type, String orgId) {
        return (types.isEmpty() || types.contains(type)) && organizationId.map(id -> id.equals(orgId)).orElse(true);
    }
}
