package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * What Gatehouse keeps about a Keycloak organization beyond Keycloak's own ORG row: the external
 * ID (unique per realm, enforced by the UK_GH_ORG_EXTERNAL_ID constraint) and the policies.
 * The row is deleted with the organization (ON DELETE CASCADE), however the organization is removed.
 */
@Entity
@Table(name = "GH_ORG_SETTINGS")
@NamedQuery(name = "ghOrgSettingsByExternalId",
        query = "select s from OrgSettingsEntity s where s.realmId = :realmId and s.externalId = :externalId")
@NamedQuery(name = "ghOrgSettingsByIds", query = "select s from OrgSettingsEntity s where s.orgId in :orgIds")
public class OrgSettingsEntity {

    @Id
    @Column(name = "ORG_ID", length = 255)
    private String orgId;

    @Column(name = "REALM_ID", length = 255, nullable = false)
    private String realmId;

    @Column(name = "EXTERNAL_ID", length = 255)
    private String externalId;

    @Column(name = "SSO_REQUIRED", nullable = false)
    private boolean ssoRequired;

    @Column(name = "MFA_FOR_NON_SSO_USERS", nullable = false)
    private boolean mfaForNonSsoUsers;

    @Column(name = "AUTO_JOIN_BY_DOMAIN", nullable = false)
    private boolean autoJoinByDomain;

    @Column(name = "DEFAULT_ROLE", length = 255, nullable = false)
    private String defaultRole;

    @Column(name = "ALLOW_SUBDOMAINS", nullable = false)
    private boolean allowSubdomains;

    @Column(name = "REQUIRE_VERIFIED_DOMAINS", nullable = false)
    private boolean requireVerifiedDomains;

    @Column(name = "SCIM_DELETE_DEACTIVATES", nullable = false)
    private boolean scimDeleteDeactivates;

    /** policies.allowedNetworks: canonical CIDR ranges, comma-separated; null when there are none. */
    @Column(name = "ALLOWED_NETWORKS", length = 4400)
    private String allowedNetworks;

    @Column(name = "ALLOWED_NETWORKS_EXEMPT_BG", nullable = false)
    private boolean allowedNetworksExemptBreakGlass;

    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getExternalId() { return externalId; }
    public void setExternalId(String externalId) { this.externalId = externalId; }
    public boolean isSsoRequired() { return ssoRequired; }
    public void setSsoRequired(boolean ssoRequired) { this.ssoRequired = ssoRequired; }
    public boolean isMfaForNonSsoUsers() { return mfaForNonSsoUsers; }
    public void setMfaForNonSsoUsers(boolean mfaForNonSsoUsers) { this.mfaForNonSsoUsers = mfaForNonSsoUsers; }
    public boolean isAutoJoinByDomain() { return autoJoinByDomain; }
    public void setAutoJoinByDomain(boolean autoJoinByDomain) { this.autoJoinByDomain = autoJoinByDomain; }
    public String getDefaultRole() { return defaultRole; }
    public void setDefaultRole(String defaultRole) { this.defaultRole = defaultRole; }
    public boolean isAllowSubdomains() { return allowSubdomains; }
    public void setAllowSubdomains(boolean allowSubdomains) { this.allowSubdomains = allowSubdomains; }
    public boolean isRequireVerifiedDomains() { return requireVerifiedDomains; }
    public void setRequireVerifiedDomains(boolean requireVerifiedDomains) { this.requireVerifiedDomains = requireVerifiedDomains; }
    public boolean isScimDeleteDeactivates() { return scimDeleteDeactivates; }
    public void setScimDeleteDeactivates(boolean scimDeleteDeactivates) { this.scimDeleteDeactivates = scimDeleteDeactivates; }
    public String getAllowedNetworks() { return allowedNetworks; }
    public void setAllowedNetworks(String allowedNetworks) { this.allowedNetworks = allowedNetworks; }
    public boolean isAllowedNetworksExemptBreakGlass() { return allowedNetworksExemptBreakGlass; }
    public void setAllowedNetworksExemptBreakGlass(boolean exempt) { this.allowedNetworksExemptBreakGlass = exempt; }
}
