package io.gatehouse.webhooks;

import io.gatehouse.outbound.JsonPoster;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;

/**
 * One round of webhook work on this node: new events become deliveries, then the due ones are claimed,
 * sent side by side (each is the head of its own queue) and finished, until fewer are due than a batch.
 * Every step is a short transaction of its own; no transaction is open while a request is out. A
 * failure of one step is logged and leaves its rows to the next round, here or on another node.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    static final int BATCH = 32;
    private static final int MAX_BATCHES = 20;

    private final KeycloakSessionFactory factory;
    private final JsonPoster poster;
    private final ExecutorService senders;
    private final Duration lease;

    Dispatcher(KeycloakSessionFactory factory, JsonPoster poster, ExecutorService senders, Duration lease) {
        this.factory = factory;
        this.poster = poster;
        this.senders = senders;
        this.lease = lease;
    }

    void run() {
        inTransaction(queue -> queue.prune(Time.currentTimeMillis()));
        for (String endpointId : inTransaction(DeliveryQueue::enabledEndpoints).orElse(List.of())) {
            inTransaction(queue -> queue.fanOut(endpointId, Time.currentTimeMillis()));
        }
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            List<String> due = inTransaction(queue -> queue.due(Time.currentTimeMillis(), BATCH)).orElse(List.of());
            String token = KeycloakModelUtils.generateId();
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (String deliveryId : due) {
                if (inTransaction(queue -> queue.claim(deliveryId, token, Time.currentTimeMillis(), Time.currentTimeMillis() + lease.toMillis())).orElse(false)) {
                    sent.add(CompletableFuture.runAsync(() -> deliver(deliveryId, token), senders));
                }
            }
            sent.forEach(CompletableFuture::join);
            if (due.size() < BATCH) {
                return;
            }
        }
    }

    private void deliver(String deliveryId, String token) {
        inTransaction(queue -> queue.claimed(deliveryId, token)).flatMap(attempt -> attempt).ifPresent(attempt -> {
            DeliveryAttempt.Result result = attempt.send(poster);
            inTransaction(queue -> {
                queue.finish(attempt, result, Time.currentTimeMillis());
                return true;
            });
        });
    }

    private <T> Optional<T> inTransaction(Function<DeliveryQueue, T> step) {
        try {
            return Optional.ofNullable(KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> step.apply(new DeliveryQueue(session))));
        } catch (RuntimeException e) {
            // Another node made the same deliveries first (unique key), or the database is away: the next round sees.
            LOG.debugf(e, "A webhook step did not complete; its rows are left to the next round");
            return Optional.empty();
        }
    }
}
