package io.gatehouse.scim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A bearer token of a SCIM directory, kept only as its SHA-256 hash. Deleted with the directory. */
@Entity
@Table(name = "GH_SCIM_TOKEN")
@NamedQuery(name = "ghScimTokenByHashWithDirectory",
        query = "select t, d from ScimTokenEntity t, ScimDirectoryEntity d where t.tokenHash = :hash and d.id = t.directoryId")
@NamedQuery(name = "ghScimTokensByDirectories",
        query = "select t from ScimTokenEntity t where t.directoryId in :directoryIds order by t.createdAt, t.id")
public class ScimTokenEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "DIRECTORY_ID", length = 36, nullable = false)
    private String directoryId;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDirectoryId() { return directoryId; }
    public void setDirectoryId(String directoryId) { this.directoryId = directoryId; }
    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getLastUsedAt() { return lastUsedAt; }
    public void setLastUsedAt(Long lastUsedAt) { this.lastUsedAt = lastUsedAt; }
}
