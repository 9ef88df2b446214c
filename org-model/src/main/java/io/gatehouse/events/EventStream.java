package io.gatehouse.events;

import io.gatehouse.persistence.OutboxEventEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.util.JsonSerialization;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The realm's event stream (issue 16): an outbox written in the transaction of each change, read in
 * cursor order.
 *
 * <p><b>Why cursors are given after commit.</b> A reader that has read up to cursor N must never later
 * find a newly visible event at or below N. A sequence or auto-increment taken at insert does not give
 * that: transactions take 11 and 12, 12 commits first, a reader reads 12, and 11 commits behind it and
 * is never read. So {@link #record} inserts the event with no cursor, and {@link EventSequencer} gives
 * cursors only to events that are already committed, in a transaction of its own, while it holds the
 * row lock of the one counter row ({@code GH_EVENT_COUNTER}, {@code SELECT ... FOR UPDATE}). Sequencer
 * runs therefore follow one another across every node sharing the database, each gives numbers above
 * the last one's, and each commits its numbers at once: at any moment the sequenced events a reader can
 * see are exactly those with a cursor up to the counter. An event committed while a sequencer runs is
 * simply left for the next run, which numbers it higher. Readers see sequenced events only.
 *
 * <p>The sequencer runs after each commit that recorded events, before each pull, and every few
 * seconds on every node ({@link EventSequencing}), so an event whose node died right after its commit
 * is sequenced by another. Cursors are shared by all realms, so they grow within a realm without being
 * contiguous there. Events older than the retention are pruned ({@link EventPruning}).
 */
public final class EventStream {

    public static final int MAX_PAGE = 500;

    private static final Logger LOG = Logger.getLogger(EventStream.class);
    private static final String SEQUENCING_ENLISTED = EventStream.class.getName() + ".sequencingEnlisted";

    private final KeycloakSession session;

    public EventStream(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Records an event in the caller's transaction: a change that rolls back leaves no event. {@code data}
     * is serialized now, so it is the object as it stands at the change; it must never hold a secret.
     */
    public void record(RealmModel realm, String organizationId, String type, Object data) {
        if (!EventTypes.ALL.contains(type)) {
            throw new IllegalArgumentException("Not an event type of the catalogue: " + type);
        }
        OutboxEventEntity event = new OutboxEventEntity();
        event.setId(KeycloakModelUtils.generateId());
        event.setRealmId(realm.getId());
        event.setType(type);
        event.setOrgId(organizationId);
        event.setCreatedAt(Time.currentTimeMillis());
        event.setData(json(data));
        em().persist(event);
        sequenceAfterCommit();
    }

    /** Sequenced events of the realm after {@code cursor}, in cursor order, at most {@code limit} (capped at {@link #MAX_PAGE}). */
    public List<StoredEvent> after(String realmId, long cursor, EventFilter filter, int limit) {
        StringBuilder jpql = new StringBuilder("select e from OutboxEventEntity e where e.realmId = :realmId and e.cursor > :after");
        if (!filter.types().isEmpty()) {
            jpql.append(" and e.type in :types");
        }
        if (filter.organizationId().isPresent()) {
            jpql.append(" and e.orgId = :orgId");
        }
        TypedQuery<OutboxEventEntity> query = em().createQuery(jpql.append(" order by e.cursor").toString(), OutboxEventEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("after", cursor)
                .setMaxResults(Math.max(1, Math.min(MAX_PAGE, limit)));
        if (!filter.types().isEmpty()) {
            query.setParameter("types", filter.types());
        }
        filter.organizationId().ifPresent(orgId -> query.setParameter("orgId", orgId));
        return query.getResultStream()
                .map(e -> new StoredEvent(e.getCursor(), e.getId(), e.getType(), e.getCreatedAt(), e.getOrgId(), e.getData()))
                .toList();
    }

    /** Once per session, after its transaction commits: the sequencer, in a transaction of its own. */
    private void sequenceAfterCommit() {
        if (session.getAttribute(SEQUENCING_ENLISTED) != null) {
            return;
        }
        session.setAttribute(SEQUENCING_ENLISTED, Boolean.TRUE);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    EventSequencer.sequence(factory);
                } catch (RuntimeException e) {
                    // The events are committed; the next pull or the periodic run sequences them.
                    LOG.warnf(e, "Could not sequence events after commit; they are sequenced by the next run");
                }
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private static String json(Object data) {
        try {
            return JsonSerialization.mapper.writeValueAsString(data);
        } catch (IOException e) {
            throw new UncheckedIOException("Event data cannot be written as JSON", e);
        }
    }
}
