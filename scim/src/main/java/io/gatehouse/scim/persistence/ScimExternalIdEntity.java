package io.gatehouse.scim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * The {@code externalId} a directory gave one of its users or groups. Each directory keeps its
 * own, so two directories of one org can name the same person differently.
 */
@Entity
@Table(name = "GH_SCIM_EXTERNAL_ID")
@IdClass(ScimExternalIdEntity.Key.class)
@NamedQuery(name = "ghScimExternalIdsOfResources",
        query = "select e from ScimExternalIdEntity e where e.directoryId = :directoryId and e.resourceId in :resourceIds")
@NamedQuery(name = "ghScimExternalIdsDeleteOfResource", query = "delete from ScimExternalIdEntity e where e.resourceId = :resourceId")
public class ScimExternalIdEntity {

    @Id
    @Column(name = "DIRECTORY_ID", length = 36)
    private String directoryId;

    @Id
    @Column(name = "RESOURCE_ID", length = 36)
    private String resourceId;

    @Column(name = "RESOURCE_TYPE", length = 16, nullable = false)
    private String resourceType;

    @Column(name = "EXTERNAL_ID", length = 255, nullable = false)
    private String externalId;

    public String getDirectoryId() { return directoryId; }
    public void setDirectoryId(String directoryId) { this.directoryId = directoryId; }
    public String getResourceId() { return resourceId; }
    public void setResourceId(String resourceId) { this.resourceId = resourceId; }
    public String getResourceType() { return resourceType; }
    public void setResourceType(String resourceType) { this.resourceType = resourceType; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }

    public static class Key implements Serializable {
        private String directoryId;
        private String resourceId;

        public Key() {
        }

        public Key(String directoryId, String resourceId) {
            this.directoryId = directoryId;
            this.resourceId = resourceId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(directoryId, k.directoryId) && Objects.equals(resourceId, k.resourceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(directoryId, resourceId);
        }
    }
}
