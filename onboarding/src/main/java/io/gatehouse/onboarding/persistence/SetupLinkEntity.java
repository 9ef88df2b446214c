package io.gatehouse.onboarding.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A one-time setup link, kept as the SHA-256 of its secret, and the portal session it was
 * exchanged for (again only a hash), and what that session created. Deleted with the organization (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_SETUP_LINK")
@NamedQuery(name = "ghSetupLinkByHash", query = "select l from SetupLinkEntity l where l.tokenHash = :hash")
@NamedQuery(name = "ghSetupLinkBySession", query = "select l from SetupLinkEntity l where l.sessionHash = :hash")
@NamedQuery(name = "ghSetupLinksOfOrg", query = "select l from SetupLinkEntity l where l.orgId = :orgId order by l.createdAt desc, l.id")
public class SetupLinkEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String orgId;

    @Column(name = "TOKEN_HASH", length = 64, nullable = false)
    private String tokenHash;

    @Column(name = "INTENTS", length = 64, nullable = false)
    private String intents;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "USED_AT")
    private Long usedAt;

    @Column(name = "SESSION_HASH", length = 64)
    private String sessionHash;

    @Column(name = "SESSION_EXPIRES_AT")
    private Long sessionExpiresAt;

    /** How many IdP connections the link's portal session created (see PortalLimit). */
    @Column(name = "CONNECTIONS_CREATED", nullable = false)
    private int connectionsCreated;

    /** How many SCIM directories the link's portal session created (see PortalLimit). */
    @Column(name = "DIRECTORIES_CREATED", nullable = false)
    private int directoriesCreated;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getTokenHash() { return tokenHash; }
    public void setTokenHash(String tokenHash) { this.tokenHash = tokenHash; }
    public String getIntents() { return intents; }
    public void setIntents(String intents) { this.intents = intents; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public Long getUsedAt() { return usedAt; }
    public void setUsedAt(Long usedAt) { this.usedAt = usedAt; }
    public String getSessionHash() { return sessionHash; }
    public void setSessionHash(String sessionHash) { this.sessionHash = sessionHash; }
    public Long getSessionExpiresAt() { return sessionExpiresAt; }
    public void setSessionExpiresAt(Long sessionExpiresAt) { this.sessionExpiresAt = sessionExpiresAt; }
}
