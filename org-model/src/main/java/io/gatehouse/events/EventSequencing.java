package io.gatehouse.events;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;
import org.keycloak.timer.TimerProvider;

import java.time.Duration;

/**
 * Sequences events that no after-commit run numbered, for example because their node died right
 * after the commit. Every node runs it; runs on several nodes simply follow one another on the lock.
 */
public final class EventSequencing implements ScheduledTask {

    private static final String NAME = "gatehouse-event-sequencing";

    public static void schedule(KeycloakSessionFactory factory, Duration every) {
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .scheduleTask(new EventSequencing(), every.toMillis(), NAME));
    }

    @Override
    public void run(KeycloakSession session) {
        EventSequencer.sequence(session.getKeycloakSessionFactory());
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
