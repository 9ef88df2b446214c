package io.gatehouse.webhooks;

import io.gatehouse.org.GatehouseOrganizationsFactory;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.outbound.RefusedUrl;
import io.gatehouse.persistence.OutboxCounterEntity;
import io.gatehouse.persistence.WebhookAttemptEntity;
import io.gatehouse.persistence.WebhookDeliveryEntity;
import io.gatehouse.persistence.WebhookEndpointEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.Provider;

import java.net.URI;
import java.util.List;

/**
 * A realm's webhook endpoints and their delivery logs. An endpoint's URL passes the operator's
 * outbound URL policy when it is created (and again at each delivery, {@link DeliveryAttempt}); it
 * takes the events recorded after its creation, of its organization (or of the whole realm) and of its
 * types (or all).
 */
public final class WebhookEndpoints implements Provider {

    static final int MAX_URL = 2048;
    public static final int MAX_LOG = 100;
    static final String ADMIN = "admin";
    static final String FAILING = "failing";

    private final KeycloakSession session;

    WebhookEndpoints(KeycloakSession session) {
        this.session = session;
    }

    /** @throws OrgRequestException when the URL is refused or a type is not in the catalogue */
    public WebhookEndpoint.Created create(RealmModel realm, String url, List<String> types, String organizationId) {
        WebhookEndpointEntity endpoint = new WebhookEndpointEntity();
        endpoint.setId(KeycloakModelUtils.generateId());
        endpoint.setRealmId(realm.getId());
        endpoint.setOrgId(organizationId);
        endpoint.setUrl(checked(url).toString());
        endpoint.setTypes(EndpointTypes.stored(types));
        endpoint.setSecret(WebhookSecret.mint());
        endpoint.setEnabled(true);
        // Only what is recorded from now on: a new endpoint is not sent the realm's past.
        OutboxCounterEntity counter = em().find(OutboxCounterEntity.class, OutboxCounterEntity.EVENTS);
        endpoint.setEventCursor(counter == null ? 0 : counter.getLastCursor());
        endpoint.setCreatedAt(Time.currentTimeMillis());
        em().persist(endpoint);
        return new WebhookEndpoint.Created(endpoint.getId(), endpoint.getUrl(), organizationId, EndpointTypes.parse(endpoint.getTypes()),
                true, endpoint.getCreatedAt(), endpoint.getSecret());
    }

    public List<WebhookEndpoint> list(RealmModel realm) {
        return em().createNamedQuery("ghWebhookEndpointsOfRealm", WebhookEndpointEntity.class)
                .setParameter("realmId", realm.getId()).getResultStream().map(WebhookEndpoint::of).toList();
    }

    /** @throws OrgRequestException (not found) for an endpoint that is not the realm's */
    public WebhookEndpoint get(RealmModel realm, String id) {
        return WebhookEndpoint.of(entity(realm, id));
    }

    /** Enabling starts a fresh health record, so an endpoint disabled for failing is not disabled again at once. */
    public WebhookEndpoint setEnabled(RealmModel realm, String id, boolean enabled) {
        WebhookEndpointEntity endpoint = entity(realm, id);
        if (endpoint.isEnabled() != enabled) {
            endpoint.setEnabled(enabled);
            endpoint.setDisabledReason(enabled ? null : ADMIN);
            endpoint.setDisabledAt(enabled ? null : Time.currentTimeMillis());
            endpoint.setFailingSince(null);
        }
        return WebhookEndpoint.of(endpoint);
    }

    /** Its deliveries and their log go with it (ON DELETE CASCADE). */
    public void delete(RealmModel realm, String id) {
        em().remove(entity(realm, id));
    }

    /** The endpoint's newest attempts first: when, which event, what it answered, how long it took. */
    public List<DeliveryLogEntry> log(RealmModel realm, String id, int max) {
        WebhookEndpointEntity endpoint = entity(realm, id);
        return em().createNamedQuery("ghWebhookAttemptsOfEndpoint", Object[].class)
                .setParameter("endpointId", endpoint.getId())
                .setMaxResults(Math.max(1, Math.min(MAX_LOG, max)))
                .getResultStream()
                .map(row -> DeliveryLogEntry.of((WebhookAttemptEntity) row[0], (WebhookDeliveryEntity) row[1]))
                .toList();
    }

    /**
     * Sends a delivery again, now, with the same {@code webhook-id}, whatever became of it. It keeps
     * its place in its organization's order: later events of that organization wait for it.
     *
     * @throws OrgRequestException (conflict) while a node is sending it
     */
    public void redeliver(RealmModel realm, String id, String deliveryId) {
        WebhookEndpointEntity endpoint = entity(realm, id);
        WebhookDeliveryEntity delivery = em().createNamedQuery("ghWebhookDeliveryOfEndpoint", WebhookDeliveryEntity.class)
                .setParameter("id", deliveryId).setParameter("endpointId", endpoint.getId())
                .getResultStream().findFirst()
                .orElseThrow(() -> OrgRequestException.notFound("delivery_not_found", "No delivery '" + deliveryId + "' of this endpoint."));
        long now = Time.currentTimeMillis();
        if (delivery.getLeaseUntil() >= now) {
            throw OrgRequestException.conflict("delivery_in_flight", "This delivery is being sent right now; look at the log again in a few seconds.");
        }
        delivery.setStatus(WebhookDeliveryEntity.PENDING);
        delivery.setAttempts(0);
        delivery.setNextAttemptAt(now);
    }

    private URI checked(String url) {
        if (url == null || url.isBlank()) {
            throw OrgRequestException.invalid("url_required", "url is required: the https URL deliveries are posted to.");
        }
        if (url.length() > MAX_URL) {
            throw OrgRequestException.invalid("url_refused", "url must be at most " + MAX_URL + " characters.");
        }
        try {
            return GatehouseOrganizationsFactory.outbound(session).urls().check(url);
        } catch (RefusedUrl e) {
            throw OrgRequestException.invalid("url_refused", switch (e.reason()) {
                case NOT_A_WEB_URL -> "url must be an absolute http or https URL with a host and no user name or password.";
                case NOT_HTTPS -> "url must be https: the operator requires https for every URL Gatehouse calls.";
                case ADDRESS_NOT_ALLOWED -> "url's host must resolve, and only to public addresses: Gatehouse calls internal "
                        + "networks only where the operator allowed them (fetch-allowed-networks).";
            });
        }
    }

    private WebhookEndpointEntity entity(RealmModel realm, String id) {
        WebhookEndpointEntity endpoint = id == null ? null : em().find(WebhookEndpointEntity.class, id);
        if (endpoint == null || !endpoint.getRealmId().equals(realm.getId())) {
            throw OrgRequestException.notFound("webhook_not_found", "No webhook endpoint '" + id + "'.");
        }
        return endpoint;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public void close() {
    }
}
