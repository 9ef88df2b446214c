package io.gatehouse.api;

import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventQueryTest {

    @Test
    void nothing_given_reads_from_the_start_every_type_of_every_organization_a_hundred_at_a_time() {
        EventQuery query = EventQuery.parse(null, null, null, null);
        assertEquals(0, query.after());
        assertEquals(Set.of(), query.filter().types());
        assertEquals(Optional.empty(), query.filter().organizationId());
        assertEquals(100, query.limit());
        assertEquals(query, EventQuery.parse("", "", "", ""));
    }

    @Test
    void reads_the_cursor_the_types_the_organization_and_the_limit() {
        EventQuery query = EventQuery.parse("42", " directory.user.created, role.granted ,", "0b6c-org", "500");
        assertEquals(42, query.after());
        assertEquals(Set.of("directory.user.created", "role.granted"), query.filter().types());
        assertEquals(Optional.of("0b6c-org"), query.filter().organizationId());
        assertEquals(500, query.limit());
    }

    @Test
    void a_bad_cursor_is_a_400_naming_after() {
        for (String after : new String[] {"-1", "1.5", "abc", "9999999999999999999", " 1"}) {
            refused("after", () -> EventQuery.parse(after, null, null, null));
        }
    }

    @Test
    void a_limit_outside_one_to_five_hundred_is_a_400_naming_limit() {
        for (String limit : new String[] {"0", "501", "-3", "ten", "99999"}) {
            refused("limit", () -> EventQuery.parse(null, null, null, limit));
        }
    }

    @Test
    void a_type_outside_the_catalogue_is_a_400_naming_it() {
        ApiException e = refused("types", () -> EventQuery.parse(null, "organization.created,dsync.user.created", null, null));
        assertTrue(e.getMessage().contains("dsync.user.created"), e.getMessage());
    }

    @Test
    void an_organization_id_that_cannot_be_one_is_a_400() {
        refused("organizationId", () -> EventQuery.parse(null, null, "x".repeat(37), null));
        refused("organizationId", () -> EventQuery.parse(null, null, "a' or 1=1", null));
    }

    private static ApiException refused(String parameter, Runnable parse) {
        ApiException e = assertThrows(ApiException.class, parse::run);
        assertEquals(Response.Status.BAD_REQUEST, e.status());
        assertEquals("invalid_query", e.body().error());
        assertTrue(e.getMessage().startsWith(parameter + " "), e.getMessage());
        return e;
    }
}
