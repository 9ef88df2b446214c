package io.gatehouse.scim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An organization's secret key for the Keycloak usernames its directories derive from SCIM
 * userNames. Random, one per organization, created on first need and never shown; it goes with
 * its organization (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_SCIM_ORG_SECRET")
public class ScimOrgSecretEntity {

    @Id
    @Column(name = "ORG_ID", length = 255)
    private String orgId;

    @Column(name = "SECRET", length = 64, nullable = false)
    private String secret;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
