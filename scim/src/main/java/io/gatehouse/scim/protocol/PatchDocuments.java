package io.gatehouse.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.captaingoldfish.scim.sdk.common.constants.SchemaUris;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.ResponseException;
import de.captaingoldfish.scim.sdk.common.exceptions.ScimException;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.utils.RequestUtils;
import de.captaingoldfish.scim.sdk.common.response.ErrorResponse;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A PATCH document is judged before the resource it names is looked up: one that is not a
 * PatchOp request (RFC 7644, 3.5.2: the PatchOp schema and at least one operation of add, remove
 * or replace), whose operations lack the path or value they need, or whose path names no
 * attribute of the resource type (parsed by the engine's own parser), is 400 whatever its target, as a compliance suite expects; the engine validates the
 * rest of it (values) as before.
 */
final class PatchDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> OPERATIONS = Set.of("add", "remove", "replace");

    private PatchDocuments() {
    }

    /** @param resourceType the type of the resource patched, whose attributes the operations' paths must name */
    static Optional<ErrorResponse> refusal(String body, Optional<ResourceType> resourceType) {
        return problem(body).map(reason -> error(reason, ScimType.RFC7644.INVALID_SYNTAX))
                .or(() -> untargeted(body))
                .or(() -> resourceType.flatMap(type -> unknownPath(body, type)).map(reason -> error(reason, ScimType.RFC7644.INVALID_PATH)));
    }

    /**
     * An operation that says too little to be applied (RFC 7644, 3.5.2): a remove needs a path
     * ({@code noTarget} without one), an add or replace needs a value, and without a path that
     * value is an object of the attributes to set.
     */
    private static Optional<ErrorResponse> untargeted(String body) {
        try {
            for (JsonNode operation : JSON.readTree(body).path("Operations")) {
                String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
                boolean pathless = operation.path("path").asText("").isBlank();
                if (op.equals("remove") && pathless) {
                    return Optional.of(error("A remove operation needs a path naming what it removes.", ScimType.RFC7644.NO_TARGET));
                }
                JsonNode value = operation.path("value");
                if (!op.equals("remove") && (value.isMissingNode() || value.isNull())) {
                    return Optional.of(error("An " + op + " operation needs a value.", ScimType.RFC7644.INVALID_SYNTAX));
                }
                if (!op.equals("remove") && pathless && !value.isObject()) {
                    return Optional.of(error("An " + op + " operation without a path needs an object of the attributes it sets as its value.",
                            ScimType.RFC7644.INVALID_VALUE));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(error("The PATCH body is not a JSON document.", ScimType.RFC7644.INVALID_SYNTAX));
        }
    }

    private static ErrorResponse error(String reason, String scimType) {
        return new ErrorResponse(new ResponseException(reason, 400, scimType));
    }

    /** A path naming no attribute of the resource type, parsed as the engine parses it. */
    private static Optional<String> unknownPath(String body, ResourceType type) {
        try {
            for (JsonNode operation : JSON.readTree(body).path("Operations")) {
                if (operation.has("path")) {
                    RequestUtils.parsePatchPath(type, operation.path("path").asText(""));
                }
            }
            return Optional.empty();
        } catch (ScimException e) {
            return Optional.of(e.getMessage());
        } catch (IOException | RuntimeException e) {
            return Optional.of("A PATCH path names no attribute of " + type.getName() + ".");
        }
    }

    static Optional<String> problem(String body) {
        JsonNode document;
        try {
            document = body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return Optional.of("The PATCH body is not a JSON document.");
        }
        if (document == null || !document.isObject()) {
            return Optional.of("The PATCH body must be a PatchOp request.");
        }
        JsonNode schemas = document.path("schemas");
        boolean patchOp = false;
        for (JsonNode schema : schemas) {
            patchOp |= SchemaUris.PATCH_OP.equals(schema.asText());
        }
        if (!patchOp) {
            return Optional.of("A PATCH request names the schema " + SchemaUris.PATCH_OP + ".");
        }
        JsonNode operations = document.path("Operations");
        if (!operations.isArray() || operations.isEmpty()) {
            return Optional.of("A PATCH request needs at least one operation in 'Operations'.");
        }
        for (JsonNode operation : operations) {
            String op = operation.path("op").asText("").toLowerCase(Locale.ROOT);
            if (!OPERATIONS.contains(op)) {
                return Optional.of("Each PATCH operation's 'op' is add, remove or replace.");
            }
        }
        return Optional.empty();
    }
}
