package io.gatehouse.scim.protocol;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdPagingTest {

    @Test
    void only_a_list_of_users_or_groups_with_start_id_pages_by_id() {
        assertTrue(IdPaging.of("Users", query(Map.of("startId", List.of("initial")))).orElseThrow().fromStart());
        assertTrue(IdPaging.of("groups", query(Map.of("startId", List.of("END")))).orElseThrow().pastEnd());
        assertTrue(IdPaging.of("Users", query(Map.of("startIndex", List.of("1")))).isEmpty());
        assertTrue(IdPaging.of("Users/abc", query(Map.of("startId", List.of("initial")))).isEmpty());
    }

    @Test
    void a_uuid_start_is_compared_in_keycloaks_lower_case_and_echoed_as_sent() {
        IdPaging paging = IdPaging.of("Users", query(Map.of("startId", List.of("AFF7A7D5-42ED-4854-9E68-D51780CEA401")))).orElseThrow();
        assertEquals("aff7a7d5-42ed-4854-9e68-d51780cea401", paging.startId());
        assertFalse(paging.fromStart());

        paging.read(3, null);
        ObjectNode answer = new ObjectMapper().createObjectNode().put("startIndex", 1).put("itemsPerPage", 1).put("totalResults", 7);
        paging.answer(answer);
        assertEquals("AFF7A7D5-42ED-4854-9E68-D51780CEA401", answer.get("startId").asText());
        assertEquals("end", answer.get("nextId").asText());
        assertEquals(3, answer.get("itemsPerPage").asInt(), "the page size, as SAP defines it");
        assertFalse(answer.has("startIndex"));
    }

    @Test
    void a_start_id_given_wrongly_is_refused() {
        for (Map<String, List<String>> wrong : List.of(Map.of("startId", List.of("a", "b")), Map.of("startId", List.of(" ")),
                Map.of("startId", List.of("x".repeat(256))), Map.of("startId", List.of("initial"), "sortBy", List.of("userName")),
                Map.of("startId", List.of("initial"), "startIndex", List.of("1")))) {
            assertThrows(BadRequestException.class, () -> IdPaging.of("Users", query(wrong)), wrong.toString());
        }
    }

    private static MultivaluedMap<String, String> query(Map<String, List<String>> parameters) {
        MultivaluedMap<String, String> query = new MultivaluedHashMap<>();
        parameters.forEach(query::addAll);
        return query;
    }
}
