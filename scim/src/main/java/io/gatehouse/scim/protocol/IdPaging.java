package io.gatehouse.scim.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * SAP's paging by id ({@code startId}, {@code nextId}), which SAP's SCIM clients and the scimono
 * suite use beside RFC 7644's {@code startIndex}. A page holds the resources whose id is at or
 * after {@code startId} ({@value #INITIAL} for the first page), in id order, and names the id the
 * next page starts at, or {@value #END} after the last. Unlike an index, the id a page starts at
 * does not move when resources before it are created or deleted between two pages.
 * <p>
 * One per list request that asks for it; {@link MemberQuery} fills in the page it read.
 */
final class IdPaging {

    static final String PARAMETER = "startId";
    static final String INITIAL = "initial";
    static final String END = "end";
    private static final int MAX_ID = 255;

    private final String requested;
    private int count;
    private String nextId = END;

    private IdPaging(String requested) {
        this.requested = requested;
    }

    /**
     * The paging a list request at {@code path} ({@code Users} or {@code Groups}) asks for with
     * {@code startId}, if it does; a refusal if it asks for it wrongly.
     */
    static Optional<IdPaging> of(String path, MultivaluedMap<String, String> query) {
        List<String> startIds = query.get(PARAMETER);
        if (startIds == null || startIds.isEmpty() || !(path.equalsIgnoreCase("Users") || path.equalsIgnoreCase("Groups"))) {
            return Optional.empty();
        }
        String startId = startIds.get(0);
        if (startIds.size() > 1 || startId.isBlank() || startId.length() > MAX_ID) {
            throw new BadRequestException("startId must be given once: '" + INITIAL + "' or the id a page starts at.",
                    ScimType.RFC7644.INVALID_VALUE);
        }
        if (query.containsKey("sortBy") || query.containsKey("startIndex")) {
            throw new BadRequestException("startId pages in id order: it cannot be combined with sortBy or startIndex.",
                    ScimType.RFC7644.INVALID_VALUE);
        }
        return Optional.of(new IdPaging(startId));
    }

    /** Whether the page starts at the first resource. */
    boolean fromStart() {
        return INITIAL.equalsIgnoreCase(requested);
    }

    /** Whether the request asks for the page after the last, which is empty. */
    boolean pastEnd() {
        return END.equalsIgnoreCase(requested);
    }

    /** The id the page starts at, as stored: Keycloak writes UUIDs in lower case. */
    String startId() {
        return ResourceIds.isUuid(requested) ? requested.toLowerCase(Locale.ROOT) : requested;
    }

    /** What {@link MemberQuery} read: a page of at most {@code count}, and the id the next one starts at, if any. */
    void read(int count, String nextId) {
        this.count = Math.max(0, count);
        this.nextId = nextId == null ? END : nextId;
    }

    /**
     * Turns the engine's list answer into SAP's: {@code startId} as asked, {@code nextId}, and
     * {@code itemsPerPage} the page size, as SAP defines it; the index is not one.
     */
    void answer(ObjectNode listResponse) {
        listResponse.remove("startIndex");
        listResponse.put("itemsPerPage", count);
        listResponse.put(PARAMETER, requested);
        listResponse.put("nextId", nextId);
    }
}
