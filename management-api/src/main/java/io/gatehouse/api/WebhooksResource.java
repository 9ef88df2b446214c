package io.gatehouse.api;

import io.gatehouse.webhooks.WebhookEndpoint;
import io.gatehouse.webhooks.WebhookEndpoints;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Map;

/**
 * {@code /webhooks}: endpoints that are sent the realm's events, or one organization's. An endpoint
 * streams what its events carry (members, their emails, directory changes) out of Keycloak, so every
 * route needs view-events besides the organization right: view to read, manage to change; on the
 * endpoint's organization, or on all organizations for a realm-wide one. The signing secret is in the
 * answer that creates the endpoint and nowhere else; admin events never carry it.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class WebhooksResource {

    private static final Access READ = Access.view().and(Right.VIEW_EVENTS);
    private static final Access WRITE = Access.manage().and(Right.VIEW_EVENTS);
    private static final int DEFAULT_LOG = 50;

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;

    WebhooksResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return answers.onOrgOrRealm(() -> Json.read(body, WebhookRequest.class).organizationId(), WRITE, () -> {
            WebhookRequest request = Json.read(body, WebhookRequest.class);
            WebhookEndpoint.Created created = endpoints().create(realm(), request.url(), request.types(), request.organizationId());
            event(OperationType.CREATE, created.organizationId(), endpoints().get(realm(), created.id()));
            return Answers.json(Response.Status.CREATED, created);
        });
    }

    /** The endpoints the admin may read; with {@code organizationId}, that organization's and the realm-wide ones. */
    @GET
    public Response list(@QueryParam("organizationId") String organizationId) {
        return answers.guarded(() -> {
            answers.require(Right.VIEW_EVENTS, "Listing webhook endpoints");
            return Answers.json(Response.Status.OK, endpoints().list(realm()).stream()
                    .filter(e -> organizationId == null || e.organizationId() == null || e.organizationId().equals(organizationId))
                    .filter(e -> answers.may(READ, e.organizationId()))
                    .toList());
        });
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        return answers.onOrgOrRealm(() -> owner(id), READ, () -> Answers.json(Response.Status.OK, endpoints().get(realm(), id)));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response replace(@PathParam("id") String id, String body) {
        return update(id, body);
    }

    /** Disables or enables the endpoint; enabling it resumes from where it stopped, within the event retention. */
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body) {
        return answers.onOrgOrRealm(() -> owner(id), WRITE, () -> {
            WebhookUpdate update = Json.read(body, WebhookUpdate.class);
            if (update.enabled() == null) {
                throw ApiException.badRequest("invalid_field", "enabled is required: true to send the endpoint deliveries, false to stop.");
            }
            WebhookEndpoint endpoint = endpoints().setEnabled(realm(), id, update.enabled());
            event(OperationType.UPDATE, endpoint.organizationId(), endpoint);
            return Answers.json(Response.Status.OK, endpoint);
        });
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        return answers.onOrgOrRealm(() -> owner(id), WRITE, () -> {
            WebhookEndpoint endpoint = endpoints().get(realm(), id);
            endpoints().delete(realm(), id);
            event(OperationType.DELETE, endpoint.organizationId(), endpoint);
            return Response.noContent().build();
        });
    }

    /** The endpoint's delivery log, newest attempt first. */
    @GET
    @Path("{id}/deliveries")
    public Response deliveries(@PathParam("id") String id, @QueryParam("max") @DefaultValue("" + DEFAULT_LOG) String max) {
        return answers.onOrgOrRealm(() -> owner(id), READ, () -> Answers.json(Response.Status.OK,
                endpoints().log(realm(), id, number(max))));
    }

    @POST
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        return answers.onOrgOrRealm(() -> owner(id), WRITE, () -> {
            endpoints().redeliver(realm(), id, deliveryId);
            Map<String, String> queued = Map.of("id", id, "deliveryId", deliveryId, "status", "PENDING");
            event(OperationType.ACTION, owner(id), queued);
            return Answers.json(Response.Status.ACCEPTED, queued);
        });
    }

    private String owner(String id) {
        return endpoints().get(realm(), id).organizationId();
    }

    private static int number(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= WebhookEndpoints.MAX_LOG) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_query", "max must be a whole number from 1 to " + WebhookEndpoints.MAX_LOG + ".");
    }

    /** An organization's endpoint is a change to that organization; a realm-wide one, to the realm. */
    private void event(OperationType operation, String organizationId, Object representation) {
        adminEvent.resource(organizationId == null ? ResourceType.REALM : ResourceType.ORGANIZATION).operation(operation)
                .resourcePath(session.getContext().getUri())
                .representation(representation)
                .success();
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private WebhookEndpoints endpoints() {
        return session.getProvider(WebhookEndpoints.class);
    }
}
