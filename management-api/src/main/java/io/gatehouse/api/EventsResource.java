package io.gatehouse.api;

import io.gatehouse.events.EventSequencer;
import io.gatehouse.events.EventStream;
import io.gatehouse.events.StoredEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /events}: the realm's event stream in cursor order, for an app that pulls. Reading it needs
 * what reading an organization's activity needs (view on it and view-events, as Keycloak's admin events,
 * which also show who changed what): over the whole realm, view on every organization (and then any
 * {@code organizationId}, a deleted organization's too); an admin whose right is on some organizations
 * only names one of them with {@code organizationId}.
 *
 * <p>Events committed so far are sequenced first, and the page is read in a transaction of its own
 * that starts after that, so a pull sees everything committed before it (also under REPEATABLE READ).
 */
public final class EventsResource {

    private static final Access READ = Access.view().and(Right.VIEW_EVENTS);

    private final KeycloakSession session;
    private final Answers answers;

    EventsResource(KeycloakSession session, Answers answers) {
        this.session = session;
        this.answers = answers;
    }

    @GET
    public Response pull(@QueryParam("after") String after, @QueryParam("types") String types,
                         @QueryParam("organizationId") String organizationId, @QueryParam("limit") String limit) {
        return answers.guarded(() -> {
            EventQuery query = EventQuery.parse(after, types, organizationId, limit);
            // an admin who may read every organization's events may also filter by one that is gone
            if (query.filter().organizationId().isPresent() && !answers.mayViewAll()) {
                return answers.on(query.filter().organizationId().get(), READ, org -> page(query));
            }
            return answers.overAll(READ, "an admin whose right is on some organizations only reads the events of one, with organizationId.",
                    () -> page(query));
        });
    }

    private Response page(EventQuery query) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = session.getContext().getRealm().getId();
        EventSequencer.sequence(factory);
        List<StoredEvent> events = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                own -> new EventStream(own).after(realmId, query.after(), query.filter(), query.limit()));
        long next = events.isEmpty() ? query.after() : events.get(events.size() - 1).cursor();
        return Answers.json(Response.Status.OK, Map.of("events", events.stream().map(StoredEvent::toJsonWithCursor).toList(),
                "nextCursor", next));
    }
}
