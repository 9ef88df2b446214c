package io.gatehouse.persistence;

import jakarta.persistence.EntityManager;

import java.time.Duration;

/**
 * Lets one node of the cluster run a scheduled job per period. Every node's timer fires, and each
 * tries to move the job's last run forward in the database; the update succeeds only where the last
 * run is a full period old, so only one node's does, and the others skip until the next period.
 * Keycloak's cluster-aware task runner only keeps two nodes from running a job at the same moment.
 */
public final class OncePerPeriod {

    private final EntityManager em;

    public OncePerPeriod(EntityManager em) {
        this.em = em;
    }

    /** Whether this node runs the job now; a job with no row (not in the changelog) never runs. */
    public boolean claim(String job, long nowMillis, Duration period) {
        return em.createQuery("update ScheduledJobEntity j set j.lastRunAt = :now where j.name = :job and j.lastRunAt <= :due")
                .setParameter("now", nowMillis)
                .setParameter("job", job)
                .setParameter("due", nowMillis - period.toMillis())
                .executeUpdate() == 1;
    }
}
