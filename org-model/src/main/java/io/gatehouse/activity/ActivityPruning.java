package io.gatehouse.activity;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.time.Duration;

/** Every hour, deletes activity older than the retention. Idempotent, so every cluster node may run it. */
public final class ActivityPruning implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(ActivityPruning.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final Duration retention;

    private ActivityPruning(Duration retention) {
        this.retention = retention;
    }

    public static void schedule(KeycloakSessionFactory factory, Duration retention) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new ActivityPruning(retention), EVERY.toMillis(), "gatehouse-activity-pruning"));
    }

    @Override
    public void run(KeycloakSession session) {
        int pruned = new ActivityLog(session).deleteBefore(Time.currentTimeMillis() - retention.toMillis());
        if (pruned > 0) {
            LOG.debugf("Pruned %d activity entries older than %s", pruned, retention);
        }
    }

    @Override
    public String getTaskName() {
        return "gatehouse-activity-pruning";
    }
}
