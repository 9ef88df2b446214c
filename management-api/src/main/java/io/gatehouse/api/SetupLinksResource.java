package io.gatehouse.api;

import io.gatehouse.onboarding.SetupIntent;
import io.gatehouse.onboarding.SetupLink;
import io.gatehouse.onboarding.SetupLinks;
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
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Map;
import java.util.Set;

/**
 * {@code /orgs/{id}/setup-links}: one-time links for the customer's IT admin. A link's URL is in
 * the answer that creates it and nowhere else; admin events never carry it.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class SetupLinksResource {

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    SetupLinksResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    @GET
    public Response list() {
        return answers.on(orgId, Access.view(), org -> Answers.json(Response.Status.OK, links().list(orgId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return answers.on(orgId, Access.manage(), org -> {
            SetupLinkRequest request = Json.read(body, SetupLinkRequest.class);
            Set<SetupIntent> intents = SetupIntent.parse(request.intents());
            // The link's holder does on the portal what its creator could do here.
            if (intents.contains(SetupIntent.SSO)) {
                answers.require(Right.MANAGE_IDENTITY_PROVIDERS, "A setup link for SSO, whose holder creates connections,");
            }
            if (intents.contains(SetupIntent.SCIM)) {
                answers.require(Right.MANAGE_USERS, "A setup link for SCIM, whose holder creates directories,");
            }
            SetupLink.Created created = links().create(orgId, intents, request.ttlSeconds());
            event(OperationType.CREATE, Map.of("id", created.id(), "intents", created.intents(), "expiresAt", created.expiresAt()));
            return Answers.json(Response.Status.CREATED, created);
        });
    }

    @DELETE
    @Path("{linkId}")
    public Response revoke(@PathParam("linkId") String linkId) {
        return answers.on(orgId, Access.manage(), org -> {
            links().revoke(orgId, linkId);
            event(OperationType.DELETE, Map.of("id", linkId, "organizationId", orgId));
            return Response.noContent().build();
        });
    }

    private void event(OperationType operation, Object representation) {
        adminEvent.resource(ResourceType.ORGANIZATION).operation(operation)
                .resourcePath(session.getContext().getUri())
                .representation(representation)
                .success();
    }

    private SetupLinks links() {
        return new SetupLinks(session);
    }
}
