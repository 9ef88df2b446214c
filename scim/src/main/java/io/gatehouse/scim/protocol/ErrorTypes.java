package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;

/**
 * Gives two of the SCIM engine's errors the {@code scimType} RFC 7644 (3.12) asks for: a filter
 * that does not parse is {@code invalidFilter} (the engine sends none), and a PATCH path naming
 * an attribute the resource does not have is {@code invalidPath} (the engine says invalidFilter).
 */
final class ErrorTypes {

    private static final String SCIM_TYPE = "scimType";
    private static final String DETAIL = "detail";

    private ErrorTypes() {
    }

    static void correct(ScimResponse response, HttpMethod method, boolean hasFilter) {
        if (response.getHttpStatus() != 400) {
            return;
        }
        String detail = response.path(DETAIL).asText("");
        String scimType = response.path(SCIM_TYPE).asText("");
        if (scimType.isEmpty() && hasFilter && detail.contains("filter")) {
            response.put(SCIM_TYPE, ScimType.RFC7644.INVALID_FILTER);
        } else if (method == HttpMethod.PATCH && ScimType.RFC7644.INVALID_FILTER.equals(scimType) && detail.contains("is unknown to resource type")) {
            response.put(SCIM_TYPE, ScimType.RFC7644.INVALID_PATH);
        }
    }
}
