package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResourceNotFoundException;
import de.captaingoldfish.scim.sdk.common.exceptions.ScimException;

import java.util.regex.Pattern;

/**
 * The ids of users and groups, and the answer for one that names no resource of the directory.
 * Gatehouse gives every user and
 * group a UUID, and real clients (Okta, Entra ID) only send back ids it gave them, so an id that
 * is found nowhere and cannot be a UUID is a malformed request (400 {@code invalidValue}, as SAP's
 * scimono expects); any other is 404 (RFC 7644, 3.12). The id is judged only after the look-up
 * found nothing, so a resource with an id of another shape (one imported into the realm) is
 * still found.
 */
final class ResourceIds {

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ResourceIds() {
    }

    /** Whether {@code id} has a UUID's shape, which is the same id whatever the case of its letters (RFC 9562). */
    static boolean isUuid(String id) {
        return id != null && UUID.matcher(id).matches();
    }

    /** @param kind "user" or "group", for the message */
    static ScimException missing(String kind, String id) {
        if (!isUuid(id)) {
            return new BadRequestException("'" + id + "' is not a " + kind + " id: " + kind + " ids are UUIDs.", ScimType.RFC7644.INVALID_VALUE);
        }
        return new ResourceNotFoundException("No " + kind + " '" + id + "' in this directory.");
    }
}
