package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.exceptions.ScimException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceIdsTest {

    @Test
    void a_uuid_in_either_case_is_an_id_that_may_exist_so_a_missing_one_is_404() {
        assertTrue(ResourceIds.isUuid("aff7a7d5-42ed-4854-9e68-d51780cea401"));
        assertTrue(ResourceIds.isUuid("AFF7A7D5-42ED-4854-9E68-D51780CEA401"));
        assertEquals(404, ResourceIds.missing("user", "aff7a7d5-42ed-4854-9e68-d51780cea401").getStatus());
    }

    @Test
    void an_id_that_cannot_be_a_uuid_is_a_malformed_request() {
        for (String id : new String[] {"e87ca7b1-35f4d-493d-96f2-5ba3cf43deb", "wrongId", "#", "", "aff7a7d5-42ed-4854-9e68-d51780cea401x"}) {
            assertFalse(ResourceIds.isUuid(id), id);
            ScimException missing = ResourceIds.missing("group", id);
            assertEquals(400, missing.getStatus(), id);
            assertEquals("invalidValue", missing.getScimType(), id);
        }
        assertEquals(400, ResourceIds.missing("user", null).getStatus());
    }
}
