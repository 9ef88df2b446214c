package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One event of the outbox (issue 16). Written with a null cursor in the transaction of the change it
 * describes; the sequencer gives it its cursor once it is committed, and only then do readers see it.
 */
@Entity
@Table(name = "GH_EVENT")
@NamedQuery(name = "ghEventsUnsequenced", query = "select e.id from OutboxEventEntity e where e.cursor is null order by e.createdAt, e.id")
@NamedQuery(name = "ghEventSequence", query = "update OutboxEventEntity e set e.cursor = :cursor where e.id = :id and e.cursor is null")
@NamedQuery(name = "ghEventsDeleteBefore", query = "delete from OutboxEventEntity e where e.createdAt < :before and e.cursor is not null")
@NamedQuery(name = "ghEventsDeleteOfRealm", query = "delete from OutboxEventEntity e where e.realmId = :realmId")
public class OutboxEventEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Null until sequenced; then unique and growing in commit order. */
    @Column(name = "SEQ")
    private Long cursor;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "ORG_ID", length = 36)
    private String orgId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    /** The event's data as JSON text (a CLOB: H2 CLOB, PostgreSQL TEXT, MariaDB LONGTEXT). */
    @Column(name = "DATA", nullable = false)
    private String data;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public Long getCursor() { return cursor; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getData() { return data; }
    public void setData(String data) { this.data = data; }
}
