package io.gatehouse.webhooks;

import io.gatehouse.outbound.FetchFailed;
import io.gatehouse.outbound.JsonPoster;
import io.gatehouse.outbound.RefusedUrl;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * One attempt at a claimed delivery: the event's JSON, signed as Standard Webhooks says, posted through
 * the outbound policy (checked again now: DNS may have changed since the endpoint was created). The
 * webhook-id is the event's id, the same at every attempt, so a receiver dedupes by it; the timestamp
 * is the wall clock's, which receivers compare with theirs.
 *
 * @param number which attempt this is, 1 for the first
 */
record DeliveryAttempt(String deliveryId, String token, String endpointId, String url, String secret,
                       String eventId, String payload, int number) {

    private static final Logger LOG = Logger.getLogger(DeliveryAttempt.class);

    /** @param statusCode what the endpoint answered, null when it did not */
    record Result(Outcome outcome, Integer statusCode, long latencyMillis) {
    }

    Result send(JsonPoster poster) {
        long timestamp = System.currentTimeMillis() / 1000;
        Map<String, String> headers = Map.of(
                "webhook-id", eventId,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", WebhookSignature.sign(secret, eventId, timestamp, payload));
        long start = System.nanoTime();
        try {
            JsonPoster.Answer answer = poster.post(url, headers, payload);
            return new Result(answer.succeeded() ? Outcome.DELIVERED : Outcome.HTTP_ERROR, answer.status(), answer.latencyMillis());
        } catch (RefusedUrl e) {
            return new Result(Outcome.URL_REFUSED, null, 0);
        } catch (FetchFailed e) {
            LOG.debugf("Webhook delivery %s (event %s, attempt %d) got no answer: %s", deliveryId, eventId, number, e.getMessage());
            return new Result(Outcome.ofFailure(e.getCause()), null, (System.nanoTime() - start) / 1_000_000);
        }
    }
}
