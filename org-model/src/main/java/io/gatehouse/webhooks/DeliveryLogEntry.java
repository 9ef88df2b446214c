package io.gatehouse.webhooks;

import io.gatehouse.persistence.WebhookAttemptEntity;
import io.gatehouse.persistence.WebhookDeliveryEntity;

/**
 * One attempt in an endpoint's delivery log. {@code outcome} is Gatehouse's word for it
 * ({@link Outcome}), never what the network or the receiver said; {@code status} is what became of the
 * delivery (PENDING while it will be tried again, DELIVERED, or FAILED when it was given up).
 */
public record DeliveryLogEntry(String deliveryId, String eventId, String type, long attemptedAt, int attempt,
                               Integer statusCode, long latencyMillis, String outcome, String status) {

    static DeliveryLogEntry of(WebhookAttemptEntity attempt, WebhookDeliveryEntity delivery) {
        return new DeliveryLogEntry(delivery.getId(), delivery.getEventId(), delivery.getEventType(), attempt.getAttemptedAt(),
                attempt.getAttempt(), attempt.getStatusCode(), attempt.getLatencyMillis(), attempt.getOutcome(), delivery.getStatus());
    }
}
