package io.gatehouse.activity;

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
 * Deletes activity older than the retention, every hour by default. Every node schedules it, and
 * one node of the cluster runs it per period ({@link OncePerPeriod}).
 */
public final class ActivityPruning implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ActivityPruning.class);
    private static final String NAME = "gatehouse-activity-pruning";

    private final Duration retention;
    private final Duration every;

    private ActivityPruning(Duration retention, Duration every) {
        this.retention = retention;
        this.every = every;
    }

    public static void schedule(KeycloakSessionFactory factory, Duration retention, Duration every) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new ActivityPruning(retention, every), every.toMillis(), NAME));
    }

    @Override
    public void run(KeycloakSession session) {
        long now = Time.currentTimeMillis();
        if (!new OncePerPeriod(session.getProvider(JpaConnectionProvider.class).getEntityManager()).claim(NAME, now, every)) {
            return;
        }
        int pruned = new ActivityLog(session).deleteBefore(now - retention.toMillis());
        LOG.debugf("Pruned %d activity entries older than %s", pruned, retention);
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
