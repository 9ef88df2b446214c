package io.gatehouse.webhooks;

import io.gatehouse.org.GatehouseOrganizationsFactory;
import io.gatehouse.outbound.JsonPoster;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers webhooks from every node. Each node's timer starts a {@link Dispatcher} round every
 * {@code dispatch-interval-millis} (1000 by default) on a thread of its own, unless its last round is
 * still going, so a slow endpoint never holds Keycloak's timer thread; which node sends what is decided
 * by claims in the database alone. A claim is held for {@code lease-seconds} (60 by default), well
 * beyond {@link JsonPoster#DEADLINE}, after which another node may take it over.
 */
public final class WebhookEndpointsFactory implements ProviderFactory<WebhookEndpoints> {

    private static final Logger LOG = Logger.getLogger(WebhookEndpointsFactory.class);
    private static final String TASK = "gatehouse-webhook-dispatch";
    private static final int SENDERS = 8;

    private Duration interval;
    private Duration lease;
    private JsonPoster poster;
    private ExecutorService rounds;
    private ExecutorService senders;
    /** Whether this node's round is running: keeps this node's rounds from piling up, and decides nothing else. */
    private final AtomicBoolean running = new AtomicBoolean();

    @Override
    public WebhookEndpoints create(KeycloakSession session) {
        return new WebhookEndpoints(session);
    }

    @Override
    public void init(Config.Scope scope) {
        interval = Duration.ofMillis(scope.getLong("dispatch-interval-millis", 1000L));
        lease = Duration.ofSeconds(scope.getInt("lease-seconds", 60));
        if (lease.compareTo(JsonPoster.DEADLINE.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("--spi-gatehouse-webhooks--default--lease-seconds must be at least "
                    + JsonPoster.DEADLINE.multipliedBy(2).toSeconds() + ", twice the time a delivery may take.");
        }
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        rounds = Executors.newSingleThreadExecutor(named("gatehouse-webhook-rounds"));
        senders = Executors.newFixedThreadPool(SENDERS, named("gatehouse-webhook-sender"));
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            poster = new JsonPoster(GatehouseOrganizationsFactory.outbound(session).urls());
            session.getProvider(TimerProvider.class).scheduleTask(new Round(), interval.toMillis(), TASK);
        });
    }

    /** Hands a round to this node's round thread, unless one is going. */
    private final class Round implements ScheduledTask {
        @Override
        public void run(KeycloakSession session) {
            if (!running.compareAndSet(false, true)) {
                return;
            }
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            try {
                rounds.execute(() -> {
                    try {
                        new Dispatcher(factory, poster, senders, lease).run();
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "A webhook delivery round failed; the next one goes on from the database");
                    } finally {
                        running.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                running.set(false); // shutting down
            }
        }

        @Override
        public String getTaskName() {
            return TASK;
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        if (rounds != null) {
            rounds.shutdownNow();
            senders.shutdownNow();
            try {
                rounds.awaitTermination(JsonPoster.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (poster != null) {
            try {
                poster.close();
            } catch (IOException e) {
                LOG.debugf(e, "Closing the webhook client");
            }
        }
    }

    @Override
    public String getId() {
        return "default";
    }
}
