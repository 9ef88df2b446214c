package io.gatehouse.api;

import io.gatehouse.scim.ScimDirectories;
import io.gatehouse.scim.ScimDirectory;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Map;

/**
 * {@code /orgs/{id}/scim-directories}: the organization's SCIM directories and their tokens. A
 * token's value is in the answer that creates it and nowhere else; admin events never carry it.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class ScimDirectoriesResource {

    /** A directory's token creates, changes and deletes users, so handing one out needs manage-users. */
    private static final Access PROVISION = Access.manage().and(Right.MANAGE_USERS);

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    ScimDirectoriesResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    @GET
    public Response list() {
        return answers.on(orgId, Access.view(), org -> Answers.json(Response.Status.OK, directories().list(orgId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return answers.on(orgId, PROVISION, org -> {
            ScimDirectoryRequest request = body == null || body.isBlank() ? ScimDirectoryRequest.EMPTY : Json.read(body, ScimDirectoryRequest.class);
            ClientModel bound = request.oauthClientId() == null ? null : session.getContext().getRealm().getClientByClientId(request.oauthClientId());
            if (bound != null) {
                answers.requireClientManagement(bound);
            }
            ScimDirectory.Created created = directories().create(orgId, request.name(), request.oauthClientId());
            event(OperationType.CREATE, Map.of("id", created.id(), "name", created.name(), "baseUrl", created.baseUrl()));
            return Answers.json(Response.Status.CREATED, created);
        });
    }

    @DELETE
    @Path("{directoryId}")
    public Response delete(@PathParam("directoryId") String directoryId) {
        return answers.on(orgId, Access.manage(), org -> {
            directories().delete(orgId, directoryId);
            event(OperationType.DELETE, Map.of("id", directoryId, "organizationId", orgId));
            return Response.noContent().build();
        });
    }

    @POST
    @Path("{directoryId}/tokens")
    public Response mintToken(@PathParam("directoryId") String directoryId) {
        return answers.on(orgId, PROVISION, org -> {
            ScimDirectory.MintedToken token = directories().mintToken(orgId, directoryId);
            event(OperationType.CREATE, Map.of("id", token.id()));
            return Answers.json(Response.Status.CREATED, token);
        });
    }

    @DELETE
    @Path("{directoryId}/tokens/{tokenId}")
    public Response revokeToken(@PathParam("directoryId") String directoryId, @PathParam("tokenId") String tokenId) {
        return answers.on(orgId, Access.manage(), org -> {
            directories().revokeToken(orgId, directoryId, tokenId);
            event(OperationType.DELETE, Map.of("id", tokenId, "directoryId", directoryId, "organizationId", orgId));
            return Response.noContent().build();
        });
    }

    private void event(OperationType operation, Object representation) {
        adminEvent.resource(ResourceType.ORGANIZATION).operation(operation)
                .resourcePath(session.getContext().getUri())
                .representation(representation)
                .success();
    }

    private ScimDirectories directories() {
        return new ScimDirectories(session);
    }
}
