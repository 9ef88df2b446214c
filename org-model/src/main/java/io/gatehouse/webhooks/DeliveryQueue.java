package io.gatehouse.webhooks;

import io.gatehouse.events.EventFilter;
import io.gatehouse.events.EventStream;
import io.gatehouse.events.StoredEvent;
import io.gatehouse.persistence.OncePerPeriod;
import io.gatehouse.persistence.WebhookAttemptEntity;
import io.gatehouse.persistence.WebhookDeliveryEntity;
import io.gatehouse.persistence.WebhookEndpointEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The deliveries in the database, which every node shares: no node keeps one of its own. Each method
 * is one step, run in a transaction of its own by {@link Dispatcher}.
 *
 * <ul>
 *   <li>{@link #fanOut}: an endpoint's new events become deliveries, and its cursor moves past them,
 *       only if no other node moved it first (compare and set), so an event becomes one delivery;</li>
 *   <li>{@link #due} and {@link #claim}: the first pending delivery of each (endpoint, organization)
 *       queue is claimed by one node for a lease; a node that dies leaves it to another once the
 *       lease runs out. A later event of the queue is not due while an earlier one is pending, which
 *       keeps each organization's events in order for each endpoint;</li>
 *   <li>{@link #finish}: the attempt goes to the log, and the delivery is done, given up or due again
 *       by {@link RetrySchedule}, only while the claim is still this node's;</li>
 *   <li>{@link #prune}: finished deliveries older than {@link #LOG_RETENTION} go, with their log.</li>
 * </ul>
 */
final class DeliveryQueue {

    static final int FAN_OUT_PAGE = 200;
    static final Duration LOG_RETENTION = Duration.ofDays(30);
    private static final Duration PRUNING_EVERY = Duration.ofHours(1);
    private static final String PRUNING = "gatehouse-webhook-log-pruning";
    private static final String REALM_WIDE = "realm";

    private final KeycloakSession session;

    DeliveryQueue(KeycloakSession session) {
        this.session = session;
    }

    List<String> enabledEndpoints() {
        return em().createNamedQuery("ghWebhookEndpointsEnabled", WebhookEndpointEntity.class).getResultStream()
                .map(WebhookEndpointEntity::getId).toList();
    }

    /** How many deliveries the endpoint's new events became: 0 when there were none, or another node made them. */
    int fanOut(String endpointId, long now) {
        WebhookEndpointEntity endpoint = em().find(WebhookEndpointEntity.class, endpointId);
        if (endpoint == null || !endpoint.isEnabled()) {
            return 0;
        }
        EventFilter filter = new EventFilter(new HashSet<>(EndpointTypes.parse(endpoint.getTypes())), Optional.ofNullable(endpoint.getOrgId()));
        List<StoredEvent> events = new EventStream(session).after(endpoint.getRealmId(), endpoint.getEventCursor(), filter, FAN_OUT_PAGE);
        if (events.isEmpty()) {
            return 0;
        }
        int moved = em().createNamedQuery("ghWebhookEndpointAdvance")
                .setParameter("next", events.get(events.size() - 1).cursor())
                .setParameter("id", endpointId)
                .setParameter("current", endpoint.getEventCursor())
                .executeUpdate();
        if (moved != 1) {
            session.getTransactionManager().setRollbackOnly();
            return 0;
        }
        for (StoredEvent event : events) {
            WebhookDeliveryEntity delivery = new WebhookDeliveryEntity();
            delivery.setId(KeycloakModelUtils.generateId());
            delivery.setEndpointId(endpointId);
            delivery.setEventId(event.id());
            delivery.setEventCursor(event.cursor());
            delivery.setEventType(event.type());
            delivery.setOrderKey(event.organizationId() == null ? REALM_WIDE : event.organizationId());
            delivery.setPayload(event.toJson().toString());
            delivery.setStatus(WebhookDeliveryEntity.PENDING);
            delivery.setNextAttemptAt(now);
            delivery.setCreatedAt(now);
            em().persist(delivery);
        }
        return events.size();
    }

    List<String> due(long now, int max) {
        return em().createNamedQuery("ghWebhookDeliveriesDue", String.class).setParameter("now", now).setMaxResults(max).getResultList();
    }

    boolean claim(String deliveryId, String token, long now, long leaseUntil) {
        return em().createNamedQuery("ghWebhookDeliveryClaim")
                .setParameter("token", token).setParameter("leaseUntil", leaseUntil)
                .setParameter("id", deliveryId).setParameter("now", now)
                .executeUpdate() == 1;
    }

    /** What a node needs to send a delivery it claimed; empty when its endpoint is gone or disabled (the claim is let go). */
    Optional<DeliveryAttempt> claimed(String deliveryId, String token) {
        Optional<WebhookDeliveryEntity> delivery = em().createNamedQuery("ghWebhookDeliveryClaimed", WebhookDeliveryEntity.class)
                .setParameter("id", deliveryId).setParameter("token", token).getResultStream().findFirst();
        if (delivery.isEmpty()) {
            return Optional.empty();
        }
        WebhookEndpointEntity endpoint = em().find(WebhookEndpointEntity.class, delivery.get().getEndpointId());
        if (endpoint == null || !endpoint.isEnabled()) {
            delivery.get().setClaimToken(null);
            delivery.get().setLeaseUntil(0);
            return Optional.empty();
        }
        WebhookDeliveryEntity d = delivery.get();
        return Optional.of(new DeliveryAttempt(d.getId(), token, endpoint.getId(), endpoint.getUrl(), endpoint.getSecret(),
                d.getEventId(), d.getPayload(), d.getAttempts() + 1));
    }

    void finish(DeliveryAttempt attempt, DeliveryAttempt.Result result, long now) {
        WebhookAttemptEntity logged = new WebhookAttemptEntity();
        logged.setId(KeycloakModelUtils.generateId());
        logged.setDeliveryId(attempt.deliveryId());
        logged.setEndpointId(attempt.endpointId());
        logged.setAttemptedAt(now);
        logged.setAttempt(attempt.number());
        logged.setStatusCode(result.statusCode());
        logged.setLatencyMillis(result.latencyMillis());
        logged.setOutcome(result.outcome().code());
        em().persist(logged);

        boolean delivered = result.outcome() == Outcome.DELIVERED;
        OptionalLong next = delivered ? OptionalLong.empty() : RetrySchedule.nextAttemptAt(attempt.number(), now);
        String status = delivered ? WebhookDeliveryEntity.DELIVERED : next.isPresent() ? WebhookDeliveryEntity.PENDING : WebhookDeliveryEntity.FAILED;
        em().createNamedQuery("ghWebhookDeliveryFinish")
                .setParameter("status", status).setParameter("attempts", attempt.number())
                .setParameter("next", next.orElse(now))
                .setParameter("id", attempt.deliveryId()).setParameter("token", attempt.token())
                .executeUpdate();
        if (delivered) {
            em().createNamedQuery("ghWebhookEndpointSucceeded").setParameter("now", now).setParameter("id", attempt.endpointId()).executeUpdate();
        } else {
            em().createNamedQuery("ghWebhookEndpointFailed").setParameter("now", now).setParameter("id", attempt.endpointId()).executeUpdate();
            em().createNamedQuery("ghWebhookEndpointGiveUp").setParameter("now", now).setParameter("id", attempt.endpointId())
                    .setParameter("failingBefore", RetrySchedule.disablesEndpointsFailingSince(now)).executeUpdate();
        }
    }

    /**
     * Forgets finished deliveries (and their log, ON DELETE CASCADE) made before the log's retention,
     * once across the cluster per period ({@link OncePerPeriod}).
     */
    int prune(long now) {
        if (!new OncePerPeriod(em()).claim(PRUNING, now, PRUNING_EVERY)) {
            return 0;
        }
        return em().createNamedQuery("ghWebhookDeliveriesFinishedBefore").setParameter("before", now - LOG_RETENTION.toMillis()).executeUpdate();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
