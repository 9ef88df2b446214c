package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import io.gatehouse.scim.persistence.ScimExternalIdEntity;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The externalIds one directory gave its users and groups; another directory keeps its own. */
final class ExternalIds {

    static final String USER = "User";
    static final String GROUP = "Group";
    private static final int MAX_LENGTH = 255;

    private final EntityManager em;
    private final String directoryId;

    ExternalIds(EntityManager em, String directoryId) {
        this.em = em;
        this.directoryId = directoryId;
    }

    /** The filter target for {@code externalId}, on a resource whose id is {@code idExpression}. */
    static FilterTranslation.Target target(String idExpression, String resourceType) {
        return FilterTranslation.Target.in("x.externalId", FilterTranslation.Kind.CASE_EXACT,
                "exists (select x from ScimExternalIdEntity x where x.directoryId = :directoryId and x.resourceType = '"
                        + resourceType + "' and x.resourceId = " + idExpression + " and %s)");
    }

    Map<String, String> of(Collection<String> resourceIds) {
        if (resourceIds.isEmpty()) {
            return Map.of();
        }
        return em.createNamedQuery("ghScimExternalIdsOfResources", ScimExternalIdEntity.class)
                .setParameter("directoryId", directoryId)
                .setParameter("resourceIds", resourceIds)
                .getResultStream()
                .collect(Collectors.toMap(ScimExternalIdEntity::getResourceId, ScimExternalIdEntity::getExternalId));
    }

    String of(String resourceId) {
        return of(List.of(resourceId)).get(resourceId);
    }

    void set(String resourceId, String resourceType, String externalId) {
        ScimExternalIdEntity current = em.find(ScimExternalIdEntity.class, new ScimExternalIdEntity.Key(directoryId, resourceId));
        if (current == null) {
            add(resourceId, resourceType, externalId);
            return;
        }
        if (externalId == null || externalId.isEmpty()) {
            em.remove(current);
            return;
        }
        current.setExternalId(requireValid(externalId));
    }

    /**
     * Gives a resource created in this request its externalId. A new id has none yet (a deleted
     * resource's are forgotten with it), so there is nothing to look up first.
     */
    void add(String resourceId, String resourceType, String externalId) {
        if (externalId == null || externalId.isEmpty()) {
            return;
        }
        ScimExternalIdEntity created = new ScimExternalIdEntity();
        created.setDirectoryId(directoryId);
        created.setResourceId(resourceId);
        created.setResourceType(resourceType);
        created.setExternalId(requireValid(externalId));
        em.persist(created);
    }

    private static String requireValid(String externalId) {
        if (externalId.length() > MAX_LENGTH) {
            throw new BadRequestException("externalId has at most " + MAX_LENGTH + " characters.", ScimType.RFC7644.INVALID_VALUE);
        }
        return externalId;
    }

    /** Forgets a user or group that was deleted, in every directory. */
    static void forget(EntityManager em, String resourceId) {
        em.createNamedQuery("ghScimExternalIdsDeleteOfResource").setParameter("resourceId", resourceId).executeUpdate();
    }
}
