package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One event for one webhook endpoint, until it is delivered or given up. A node sends it only while
 * it holds the claim: the claim token it wrote and a lease that has not run out. The payload is the
 * event's JSON as it was recorded, so every attempt sends the same body.
 */
@Entity
@Table(name = "GH_WEBHOOK_DELIVERY")
// The head of each (endpoint, organization) queue that is due and unclaimed: nothing earlier in its queue is pending.
@NamedQuery(name = "ghWebhookDeliveriesDue", query = "select d.id from WebhookDeliveryEntity d where d.status = 'PENDING' "
        + "and d.nextAttemptAt <= :now and d.leaseUntil < :now "
        + "and exists (select e.id from WebhookEndpointEntity e where e.id = d.endpointId and e.enabled = true) "
        + "and not exists (select p.id from WebhookDeliveryEntity p where p.endpointId = d.endpointId and p.orderKey = d.orderKey "
        + "and p.status = 'PENDING' and p.eventCursor < d.eventCursor) "
        + "order by d.nextAttemptAt, d.eventCursor")
@NamedQuery(name = "ghWebhookDeliveryClaim", query = "update WebhookDeliveryEntity d set d.claimToken = :token, d.leaseUntil = :leaseUntil "
        + "where d.id = :id and d.status = 'PENDING' and d.nextAttemptAt <= :now and d.leaseUntil < :now")
@NamedQuery(name = "ghWebhookDeliveryClaimed", query = "select d from WebhookDeliveryEntity d where d.id = :id and d.claimToken = :token")
@NamedQuery(name = "ghWebhookDeliveryFinish", query = "update WebhookDeliveryEntity d set d.status = :status, d.attempts = :attempts, "
        + "d.nextAttemptAt = :next, d.claimToken = null, d.leaseUntil = 0 where d.id = :id and d.claimToken = :token")
@NamedQuery(name = "ghWebhookDeliveriesFinishedBefore",
        query = "delete from WebhookDeliveryEntity d where d.status <> 'PENDING' and d.createdAt < :before")
@NamedQuery(name = "ghWebhookDeliveryOfEndpoint", query = "select d from WebhookDeliveryEntity d where d.id = :id and d.endpointId = :endpointId")
public class WebhookDeliveryEntity {

    public static final String PENDING = "PENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "ENDPOINT_ID", length = 36, nullable = false)
    private String endpointId;

    @Column(name = "EVENT_ID", length = 64, nullable = false)
    private String eventId;

    @Column(name = "EVENT_CURSOR", nullable = false)
    private long eventCursor;

    @Column(name = "EVENT_TYPE", length = 64, nullable = false)
    private String eventType;

    /** The event's organization, or {@code realm} for one without: events of one key go out in cursor order. */
    @Column(name = "ORDER_KEY", length = 255, nullable = false)
    private String orderKey;

    @Column(name = "PAYLOAD", nullable = false)
    private String payload;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "ATTEMPTS", nullable = false)
    private int attempts;

    @Column(name = "NEXT_ATTEMPT_AT", nullable = false)
    private long nextAttemptAt;

    @Column(name = "CLAIM_TOKEN", length = 36)
    private String claimToken;

    @Column(name = "LEASE_UNTIL", nullable = false)
    private long leaseUntil;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getEndpointId() { return endpointId; }
    public void setEndpointId(String endpointId) { this.endpointId = endpointId; }
    public String getEventId() { return eventId; }
    public void setEventId(String eventId) { this.eventId = eventId; }
    public long getEventCursor() { return eventCursor; }
    public void setEventCursor(long eventCursor) { this.eventCursor = eventCursor; }
    public String getEventType() { return eventType; }
    public void setEventType(String eventType) { this.eventType = eventType; }
    public String getOrderKey() { return orderKey; }
    public void setOrderKey(String orderKey) { this.orderKey = orderKey; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public int getAttempts() { return attempts; }
    public void setAttempts(int attempts) { this.attempts = attempts; }
    public long getNextAttemptAt() { return nextAttemptAt; }
    public void setNextAttemptAt(long nextAttemptAt) { this.nextAttemptAt = nextAttemptAt; }
    public String getClaimToken() { return claimToken; }
    public void setClaimToken(String claimToken) { this.claimToken = claimToken; }
    public long getLeaseUntil() { return leaseUntil; }
    public void setLeaseUntil(long leaseUntil) { this.leaseUntil = leaseUntil; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
}
