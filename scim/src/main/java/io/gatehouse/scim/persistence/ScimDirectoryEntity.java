package io.gatehouse.scim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One SCIM directory of an organization. Deleted with the organization (ON DELETE CASCADE). */
@Entity
@Table(name = "GH_SCIM_DIRECTORY")
@NamedQuery(name = "ghScimDirectoriesByOrg",
        query = "select d from ScimDirectoryEntity d where d.orgId = :orgId order by d.createdAt, d.id")
public class ScimDirectoryEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String orgId;

    @Column(name = "NAME", length = 255, nullable = false)
    private String name;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_SYNC_AT")
    private Long lastSyncAt;

    @Column(name = "LAST_ERROR_AT")
    private Long lastErrorAt;

    @Column(name = "LAST_ERROR", length = 1024)
    private String lastError;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getLastSyncAt() { return lastSyncAt; }
    public void setLastSyncAt(Long lastSyncAt) { this.lastSyncAt = lastSyncAt; }
    public Long getLastErrorAt() { return lastErrorAt; }
    public void setLastErrorAt(Long lastErrorAt) { this.lastErrorAt = lastErrorAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
}
