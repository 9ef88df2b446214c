package io.gatehouse.scim.protocol;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PatchDocumentsTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    @Test
    void an_operation_without_the_path_or_value_it_needs_is_refused_with_the_rfcs_scim_type() {
        Map<String, String> refused = Map.of(
                "{\"op\":\"remove\"}", "noTarget",
                "{\"op\":\"Remove\",\"path\":\" \"}", "noTarget",
                "{\"op\":\"add\",\"path\":\"displayName\"}", "invalidSyntax",
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":null}", "invalidSyntax",
                "{\"op\":\"add\",\"value\":10}", "invalidValue",
                "{\"op\":\"replace\",\"value\":[{\"active\":false}]}", "invalidValue");
        refused.forEach((operation, scimType) -> {
            var error = PatchDocuments.refusal(PATCH.formatted(operation), Optional.empty());
            assertTrue(error.isPresent(), operation);
            assertEquals(400, error.get().getHttpStatus(), operation);
            assertEquals(scimType, error.get().get("scimType").asText(), operation);
        });
    }

    @Test
    void the_forms_okta_and_entra_send_pass() {
        for (String operation : new String[] {
                "{\"op\":\"replace\",\"value\":{\"active\":false}}",
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}",
                "{\"op\":\"Remove\",\"path\":\"members[value eq \\\"u1\\\"]\"}",
                "{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"u1\"}]}",
                "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"\"}"}) {
            assertEquals(Optional.empty(), PatchDocuments.refusal(PATCH.formatted(operation), Optional.empty()), operation);
        }
    }
}
