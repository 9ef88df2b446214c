package io.gatehouse.events;

import io.gatehouse.persistence.OncePerPeriod;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.time.Duration;

/**
 * Deletes events older than the retention (30 days by default), once per period across the cluster
 * ({@link OncePerPeriod}). Replay is promised within the retention only.
 */
public final class EventPruning implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(EventPruning.class);
    private static final String NAME = "gatehouse-event-pruning";

    private final Duration retention;
    private final Duration every;

    private EventPruning(Duration retention, Duration every) {
        this.retention = retention;
        this.every = every;
    }

    public static void schedule(KeycloakSessionFactory factory, Duration retention, Duration every) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new EventPruning(retention, every), every.toMillis(), NAME));
    }

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        if (!new OncePerPeriod(session.getProvider(JpaConnectionProvider.class).getEntityManager()).claim(NAME, now, every)) {
            return;
        }
        int pruned = session.getProvider(JpaConnectionProvider.class).getEntityManager()
                .createNamedQuery("ghEventsDeleteBefore").setParameter("before", now - retention.toMillis()).executeUpdate();
        LOG.debugf("Pruned %d events older than %s", pruned, retention);
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
