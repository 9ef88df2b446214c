package io.gatehouse.activity;

import io.gatehouse.persistence.ActivityEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Locale;

/**
 * An organization's activity log, newest first. Bounded in time: entries older than the retention
 * the operator sets are pruned (see {@link ActivityPruning}).
 */
public final class ActivityLog {

    public static final int MAX_PAGE = 100;
    private static final int MAX_TEXT = 255;
    private static final int MAX_DETAIL = 1024;

    private final EntityManager em;

    public ActivityLog(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Records in the caller's transaction: the entry stands or falls with what it describes. */
    public void record(String orgId, Activity activity) {
        ActivityEntity entry = new ActivityEntity();
        entry.setId(KeycloakModelUtils.generateId());
        entry.setOrgId(orgId);
        entry.setTime(Time.currentTimeMillis());
        entry.setKind(cut(activity.kind(), 64));
        entry.setOutcome(activity.outcome().code());
        entry.setActor(cut(activity.actor(), MAX_TEXT));
        entry.setSubject(cut(activity.subject(), MAX_TEXT));
        entry.setDetail(cut(activity.detail(), MAX_DETAIL));
        em.persist(entry);
    }

    /** Records a refusal in a transaction of its own, since the refused request's transaction is rolled back. */
    public static void recordRefusal(KeycloakSession session, String orgId, Activity activity) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> new ActivityLog(own).record(orgId, activity));
    }

    public List<Activity> list(String orgId, int first, int max) {
        return em.createNamedQuery("ghActivityOfOrg", ActivityEntity.class)
                .setParameter("orgId", orgId)
                .setFirstResult(Math.max(0, first))
                .setMaxResults(Math.max(1, Math.min(MAX_PAGE, max)))
                .getResultStream()
                .map(e -> new Activity(e.getId(), e.getTime(), e.getKind(),
                        Activity.Outcome.valueOf(e.getOutcome().toUpperCase(Locale.ROOT)), e.getActor(), e.getSubject(), e.getDetail()))
                .toList();
    }

    int deleteBefore(long time) {
        return em.createNamedQuery("ghActivityDeleteBefore").setParameter("before", time).executeUpdate();
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
