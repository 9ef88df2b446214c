package io.gatehouse.api;

import io.gatehouse.org.AdminInvitations;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;

/**
 * {@code /orgs/{id}/invitations}: the customer's admins, invited by Keycloak's own organization
 * invitation email. The first of them to accept through its link becomes the organization's admin.
 * An invitation is named by Keycloak's invitation id; revoking one deletes Keycloak's invitation too.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationsResource {

    /**
     * Listing and revoking invitations show and change invitees' emails, so they need manage, as
     * Keycloak's own. The first invitee to accept joins the org's admin group, a group membership
     * granted now, so inviting also needs manage-users.
     */
    private static final Access INVITE = Access.manage().and(Right.MANAGE_USERS);

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;
    private final AdminPermissionEvaluator auth;
    private final String orgId;

    InvitationsResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent, AdminPermissionEvaluator auth, String orgId) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
        this.auth = auth;
        this.orgId = orgId;
    }

    @GET
    public Response list() {
        return answers.on(orgId, Access.manage(), org -> Answers.json(Response.Status.OK, new AdminInvitations(session).list(orgId)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(String body) {
        return answers.on(orgId, INVITE, org -> {
            InvitationRequest request = Json.read(body, InvitationRequest.class);
            AdminInvitationEmail.Sent sent = new AdminInvitationEmail(session, adminEvent, auth).send(org, request.email(), request.firstName(), request.lastName());
            return Answers.json(Response.Status.CREATED, Map.of("id", sent.id(), "email", sent.email(), "role", AdminInvitations.ADMIN_ROLE));
        });
    }

    @DELETE
    @Path("{invitationId}")
    public Response revoke(@PathParam("invitationId") String invitationId) {
        return answers.on(orgId, Access.manage(), org -> {
            new AdminInvitationRevocation(session, adminEvent, auth).revoke(org, invitationId);
            return Response.noContent().build();
        });
    }
}
