package io.gatehouse.api;

import io.gatehouse.sso.Connection;
import io.gatehouse.sso.OrgConnections;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Map;

/** {@code /orgs/{id}/connections}: the organization's SAML and OIDC connections. */
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectionsResource {

    /** A connection is a realm identity provider: Keycloak's organization IdP endpoints need these. */
    private static final Access MANAGE = Access.manage().and(Right.MANAGE_IDENTITY_PROVIDERS);

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    ConnectionsResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    @GET
    public Response list() {
        return answers.on(orgId, Access.view().and(Right.VIEW_IDENTITY_PROVIDERS), org -> Answers.json(Response.Status.OK, connections().list(orgId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return answers.on(orgId, MANAGE, org -> {
            ConnectionRequest request = Json.read(body, ConnectionRequest.class);
            Connection connection = connections().create(orgId, request.toNewConnection(), answers.caller());
            event(OperationType.CREATE, connection);
            return Answers.json(Response.Status.CREATED, connection);
        });
    }

    @DELETE
    @Path("{connectionId}")
    public Response delete(@PathParam("connectionId") String connectionId) {
        return answers.on(orgId, MANAGE, org -> {
            connections().delete(orgId, connectionId);
            event(OperationType.DELETE, Map.of("id", connectionId, "organizationId", orgId));
            return Response.noContent().build();
        });
    }

    /**
     * Starts or stops a connection: {@code {"state": "active" | "inactive"}}. A draft becomes active
     * only once a test login through it passed (409 otherwise).
     */
    @PUT
    @Path("{connectionId}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response setState(@PathParam("connectionId") String connectionId, String body) {
        return answers.on(orgId, MANAGE, org -> {
            StateRequest request = Json.read(body, StateRequest.class);
            Connection connection = connections().setState(orgId, connectionId, request.state(), answers.caller());
            event(OperationType.UPDATE, connection);
            return Answers.json(Response.Status.OK, connection);
        });
    }

    record StateRequest(String state) {
    }

    private void event(OperationType operation, Object connection) {
        adminEvent.resource(ResourceType.IDENTITY_PROVIDER).operation(operation)
                .resourcePath(session.getContext().getUri())
                .representation(connection)
                .success();
    }

    private OrgConnections connections() {
        return new OrgConnections(session);
    }
}
