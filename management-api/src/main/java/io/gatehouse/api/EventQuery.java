package io.gatehouse.api;

import io.gatehouse.events.EventFilter;
import io.gatehouse.events.EventStream;
import io.gatehouse.events.EventTypes;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The query of {@code GET /events}: {@code after} a cursor (0, the start, by default), any of
 * {@code types} (comma-separated names of the catalogue), of one {@code organizationId}, at most
 * {@code limit} events (1 to {@value EventStream#MAX_PAGE}, {@value #DEFAULT_LIMIT} by default).
 * Anything else is a 400 that names the parameter.
 */
record EventQuery(long after, EventFilter filter, int limit) {

    static final int DEFAULT_LIMIT = 100;
    private static final int MAX_ORG_ID = 36;
    private static final int MAX_ECHO = 200;

    static EventQuery parse(String after, String types, String organizationId, String limit) {
        return new EventQuery(cursor(after), new EventFilter(types(types), organization(organizationId)), limit(limit));
    }

    private static long cursor(String after) {
        if (after == null || after.isEmpty()) {
            return 0;
        }
        if (after.matches("\\d{1,18}")) {
            return Long.parseLong(after);
        }
        throw ApiException.badRequest("invalid_query", "after must be a cursor: a whole number of 0 or more, as nextCursor gives.");
    }

    private static Set<String> types(String types) {
        if (types == null || types.isBlank()) {
            return Set.of();
        }
        Set<String> asked = Arrays.stream(types.split(",")).map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
        Set<String> unknown = new TreeSet<>(asked);
        unknown.removeAll(EventTypes.ALL);
        if (!unknown.isEmpty()) {
            String named = String.join(", ", unknown);
            // the answer echoes what was sent, so only so much of it
            throw ApiException.badRequest("invalid_query", "types names what is no event type of the catalogue: "
                    + (named.length() > MAX_ECHO ? named.substring(0, MAX_ECHO) + "..." : named) + ".");
        }
        return asked;
    }

    private static Optional<String> organization(String organizationId) {
        if (organizationId == null || organizationId.isEmpty()) {
            return Optional.empty();
        }
        if (organizationId.length() > MAX_ORG_ID || !organizationId.matches("[A-Za-z0-9-]+")) {
            throw ApiException.badRequest("invalid_query", "organizationId must be an organization's id.");
        }
        return Optional.of(organizationId);
    }

    private static int limit(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        if (limit.matches("\\d{1,4}")) {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= EventStream.MAX_PAGE) {
                return n;
            }
        }
        throw ApiException.badRequest("invalid_query", "limit must be a whole number from 1 to " + EventStream.MAX_PAGE + ".");
    }
}
