package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.EndpointPaths;
import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.exceptions.ResponseException;
import de.captaingoldfish.scim.sdk.common.response.ErrorResponse;

import java.util.Set;

/**
 * {@code /ServiceProviderConfig}, {@code /Schemas} and {@code /ResourceTypes} describe the
 * service and are read-only (RFC 7644, 4: they are retrieved with GET). Any other method on them
 * is 405 with {@code Allow: GET}, as HTTP gives it for a method the resource exists for but does
 * not allow (RFC 9110, 15.5.6), in a SCIM error document; never the engine's internal error.
 */
final class DiscoveryEndpoints {

    private static final Set<String> PATHS = Set.of(EndpointPaths.SERVICE_PROVIDER_CONFIG, EndpointPaths.SCHEMAS, EndpointPaths.RESOURCE_TYPES);

    private DiscoveryEndpoints() {
    }

    /** @param path the request's path below the directory's base URL, such as {@code Schemas/urn:...} */
    static boolean isDiscovery(String path) {
        String first = "/" + path.split("/", 2)[0];
        return PATHS.stream().anyMatch(first::equalsIgnoreCase);
    }

    static ErrorResponse readOnly(HttpMethod method) {
        ErrorResponse error = new ErrorResponse(new ResponseException(
                "This endpoint describes the service and is read-only: " + method + " is not allowed, only GET.", 405, null));
        error.getHttpHeaders().put("Allow", "GET");
        return error;
    }
}
