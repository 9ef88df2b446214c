package io.gatehouse.webhooks;

import io.gatehouse.org.OrgRequestException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EndpointTypesTest {

    @Test
    void no_types_means_all_and_types_are_kept_sorted_once() {
        assertNull(EndpointTypes.stored(null));
        assertNull(EndpointTypes.stored(List.of()));
        assertEquals(List.of(), EndpointTypes.parse(null));
        String stored = EndpointTypes.stored(List.of("organization.updated", "directory.user.created", "organization.updated"));
        assertEquals("directory.user.created,organization.updated", stored);
        assertEquals(List.of("directory.user.created", "organization.updated"), EndpointTypes.parse(stored));
    }

    @Test
    void refuses_a_type_outside_the_catalogue_naming_it() {
        OrgRequestException refused = assertThrows(OrgRequestException.class, () -> EndpointTypes.stored(List.of("organization.created", "user.hacked")));
        assertEquals("unknown_event_type", refused.code());
        assertEquals(OrgRequestException.Kind.INVALID, refused.kind());
        assertThrows(OrgRequestException.class, () -> EndpointTypes.stored(Arrays.asList("organization.created", null)));
        assertThrows(OrgRequestException.class, () -> EndpointTypes.stored(List.of("organization.created,organization.deleted")),
                "a comma cannot smuggle two types into the stored list");
    }
}
