package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A webhook endpoint of a realm, for one organization's events or (no organization) the whole realm's.
 * Deleted with its realm or organization (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_WEBHOOK_ENDPOINT")
@NamedQuery(name = "ghWebhookEndpointsOfRealm", query = "select e from WebhookEndpointEntity e where e.realmId = :realmId order by e.createdAt, e.id")
@NamedQuery(name = "ghWebhookEndpointsEnabled", query = "select e from WebhookEndpointEntity e where e.enabled = true order by e.id")
@NamedQuery(name = "ghWebhookEndpointAdvance",
        query = "update WebhookEndpointEntity e set e.eventCursor = :next where e.id = :id and e.eventCursor = :current and e.enabled = true")
@NamedQuery(name = "ghWebhookEndpointSucceeded",
        query = "update WebhookEndpointEntity e set e.lastSuccessAt = :now, e.failingSince = null where e.id = :id")
@NamedQuery(name = "ghWebhookEndpointFailed",
        query = "update WebhookEndpointEntity e set e.failingSince = :now where e.id = :id and e.failingSince is null")
@NamedQuery(name = "ghWebhookEndpointGiveUp",
        query = "update WebhookEndpointEntity e set e.enabled = false, e.disabledReason = 'failing', e.disabledAt = :now "
                + "where e.id = :id and e.enabled = true and e.failingSince is not null and e.failingSince <= :failingBefore")
public class WebhookEndpointEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ORG_ID", length = 255)
    private String orgId;

    @Column(name = "URL", length = 2048, nullable = false)
    private String url;

    /** The event types it takes, comma-separated; null for all. */
    @Column(name = "TYPES", length = 2048)
    private String types;

    @Column(name = "SECRET", length = 255, nullable = false)
    private String secret;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    /** {@code admin} or {@code failing}, while disabled. */
    @Column(name = "DISABLED_REASON", length = 16)
    private String disabledReason;

    @Column(name = "DISABLED_AT")
    private Long disabledAt;

    @Column(name = "EVENT_CURSOR", nullable = false)
    private long eventCursor;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "LAST_SUCCESS_AT")
    private Long lastSuccessAt;

    @Column(name = "FAILING_SINCE")
    private Long failingSince;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getTypes() { return types; }
    public void setTypes(String types) { this.types = types; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getDisabledReason() { return disabledReason; }
    public void setDisabledReason(String disabledReason) { this.disabledReason = disabledReason; }
    public Long getDisabledAt() { return disabledAt; }
    public void setDisabledAt(Long disabledAt) { this.disabledAt = disabledAt; }
    public long getEventCursor() { return eventCursor; }
    public void setEventCursor(long eventCursor) { this.eventCursor = eventCursor; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public Long getLastSuccessAt() { return lastSuccessAt; }
    public void setLastSuccessAt(Long lastSuccessAt) { this.lastSuccessAt = lastSuccessAt; }
    public Long getFailingSince() { return failingSince; }
    public void setFailingSince(Long failingSince) { this.failingSince = failingSince; }
}
