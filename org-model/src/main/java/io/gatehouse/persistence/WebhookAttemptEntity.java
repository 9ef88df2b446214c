package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One attempt at a delivery: the endpoint's delivery log. Deleted with the delivery (ON DELETE CASCADE). */
@Entity
@Table(name = "GH_WEBHOOK_ATTEMPT")
@NamedQuery(name = "ghWebhookAttemptsOfEndpoint", query = "select a, d from WebhookAttemptEntity a, WebhookDeliveryEntity d "
        + "where a.endpointId = :endpointId and d.id = a.deliveryId order by a.attemptedAt desc, a.id desc")
public class WebhookAttemptEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "DELIVERY_ID", length = 36, nullable = false)
    private String deliveryId;

    @Column(name = "ENDPOINT_ID", length = 36, nullable = false)
    private String endpointId;

    @Column(name = "ATTEMPTED_AT", nullable = false)
    private long attemptedAt;

    @Column(name = "ATTEMPT", nullable = false)
    private int attempt;

    /** The HTTP status the endpoint answered; null when it did not answer. */
    @Column(name = "STATUS_CODE")
    private Integer statusCode;

    @Column(name = "LATENCY_MS", nullable = false)
    private long latencyMillis;

    @Column(name = "OUTCOME", length = 32, nullable = false)
    private String outcome;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getDeliveryId() { return deliveryId; }
    public void setDeliveryId(String deliveryId) { this.deliveryId = deliveryId; }
    public String getEndpointId() { return endpointId; }
    public void setEndpointId(String endpointId) { this.endpointId = endpointId; }
    public long getAttemptedAt() { return attemptedAt; }
    public void setAttemptedAt(long attemptedAt) { this.attemptedAt = attemptedAt; }
    public int getAttempt() { return attempt; }
    public void setAttempt(int attempt) { this.attempt = attempt; }
    public Integer getStatusCode() { return statusCode; }
    public void setStatusCode(Integer statusCode) { this.statusCode = statusCode; }
    public long getLatencyMillis() { return latencyMillis; }
    public void setLatencyMillis(long latencyMillis) { this.latencyMillis = latencyMillis; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String outcome) { this.outcome = outcome; }
}
