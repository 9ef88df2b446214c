package io.gatehouse.events;

import io.gatehouse.persistence.OutboxCounterEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;

/**
 * Gives committed events their cursors, under the counter's row lock (the rule is explained on
 * {@link EventStream}). Each batch is a transaction of its own, so the lock is held briefly and the
 * numbers of a batch become visible together.
 */
public final class EventSequencer {

    static final int BATCH = 500;

    private EventSequencer() {
    }

    /** Sequences every event committed so far; how many it numbered. */
    public static int sequence(KeycloakSessionFactory factory) {
        int total = 0;
        int numbered;
        do {
            numbered = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                    session -> batch(session.getProvider(JpaConnectionProvider.class).getEntityManager()));
            total += numbered;
        } while (numbered == BATCH);
        return total;
    }

    /**
     * The lock is taken first, so that the search for unnumbered events reads what was committed before
     * it (also under REPEATABLE READ, whose snapshot starts at the first plain read). The update's
     * {@code cursor is null} condition keeps an event from being numbered twice whatever the isolation.
     */
    private static int batch(EntityManager em) {
        OutboxCounterEntity counter = em.find(OutboxCounterEntity.class, OutboxCounterEntity.EVENTS, LockModeType.PESSIMISTIC_WRITE);
        List<String> ids = em.createNamedQuery("ghEventsUnsequenced", String.class).setMaxResults(BATCH).getResultList();
        long last = counter.getLastCursor();
        int numbered = 0;
        for (String id : ids) {
            if (em.createNamedQuery("ghEventSequence").setParameter("cursor", last + 1).setParameter("id", id).executeUpdate() == 1) {
                last++;
                numbered++;
            }
        }
        counter.setLastCursor(last);
        return numbered;
    }
}
