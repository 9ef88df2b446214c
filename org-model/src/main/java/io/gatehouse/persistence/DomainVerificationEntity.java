package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The DNS TXT challenge for one domain of one organization, and where it stands. */
@Entity
@Table(name = "GH_DOMAIN_VERIFICATION")
@NamedQuery(name = "ghVerificationOfDomain",
        query = "select v from DomainVerificationEntity v where v.orgId = :orgId and v.domain = :domain")
@NamedQuery(name = "ghVerificationsOfOrg", query = "select v from DomainVerificationEntity v where v.orgId = :orgId")
public class DomainVerificationEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String orgId;

    @Column(name = "DOMAIN_NAME", length = 255, nullable = false)
    private String domain;

    @Column(name = "RECORD_VALUE", length = 255, nullable = false)
    private String recordValue;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "STARTED_AT", nullable = false)
    private long startedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "CHECKED_AT")
    private Long checkedAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getDomain() { return domain; }
    public void setDomain(String domain) { this.domain = domain; }
    public String getRecordValue() { return recordValue; }
    public void setRecordValue(String recordValue) { this.recordValue = recordValue; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public long getStartedAt() { return startedAt; }
    public void setStartedAt(long startedAt) { this.startedAt = startedAt; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long expiresAt) { this.expiresAt = expiresAt; }
    public Long getCheckedAt() { return checkedAt; }
    public void setCheckedAt(Long checkedAt) { this.checkedAt = checkedAt; }
}
