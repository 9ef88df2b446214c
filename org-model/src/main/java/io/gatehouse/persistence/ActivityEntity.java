package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One entry of an organization's activity log. Deleted with the organization (ON DELETE CASCADE). */
@Entity
@Table(name = "GH_ACTIVITY")
@NamedQuery(name = "ghActivityOfOrg", query = "select a from ActivityEntity a where a.orgId = :orgId order by a.time desc, a.id desc")
@NamedQuery(name = "ghActivityDeleteBefore", query = "delete from ActivityEntity a where a.time < :before")
public class ActivityEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String orgId;

    @Column(name = "TIME", nullable = false)
    private long time;

    @Column(name = "KIND", length = 64, nullable = false)
    private String kind;

    @Column(name = "OUTCOME", length = 16, nullable = false)
    private String outcome;

    @Column(name = "ACTOR", length = 255)
    private String actor;

    @Column(name = "SUBJECT", length = 255)
    private String subject;

    @Column(name = "DETAIL", length = 1024)
    private String detail;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public long getTime() { return time; }
    public void setTime(long time) { this.time = time; }
    public String getKind() { return kind; }
    public void setKind(String kind) { this.kind = kind; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
    public String getActor() { return actor; }
    public void setActor(String actor) { this.actor = actor; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getDetail() { return detail; }
    public void setDetail(String detail) { this.detail = detail; }
}
