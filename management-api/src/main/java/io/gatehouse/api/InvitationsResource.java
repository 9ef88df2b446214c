package io.gatehouse.api;

import io.gatehouse.org.AdminInvitations;
import io.gatehouse.org.OrgRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.admin.resource.OrganizationInvitationResource;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.Map;

/**
 * {@code /orgs/{id}/invitations}: the customer's admins, invited by Keycloak's own organization
 * invitation email. The first of them to accept becomes the organization's admin.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class InvitationsResource {

    private static final int MAX_EMAIL = 255;

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
        return answers.read(() -> {
            organization();
            return Answers.json(Response.Status.OK, new AdminInvitations(session).list(orgId));
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response invite(String body) {
        return answers.write(() -> {
            InvitationRequest request = Json.read(body, InvitationRequest.class);
            String email = validEmail(request.email());
            OrganizationModel org = organization();
            if (session.getContext().getRealm().getSmtpConfig() == null || session.getContext().getRealm().getSmtpConfig().isEmpty()) {
                throw ApiException.badRequest("no_smtp", "This realm has no SMTP server configured, so Keycloak cannot send the invitation email.");
            }
            new AdminInvitations(session).record(orgId, email);
            send(org, email, request);
            return Answers.json(Response.Status.CREATED, Map.of("email", email, "role", AdminInvitations.ADMIN_ROLE));
        });
    }

    private void send(OrganizationModel org, String email, InvitationRequest request) {
        OrganizationInvitationResource invitations = new OrganizationInvitationResource(session, org, adminEvent, auth);
        UserModel existing = session.users().getUserByEmail(session.getContext().getRealm(), email);
        try (Response sent = existing == null
                ? invitations.inviteUser(email, request.firstName(), request.lastName())
                : invitations.inviteExistingUser(existing.getId())) {
            if (sent.getStatus() >= 400) {
                throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation: " + sent.getEntity());
            }
        } catch (WebApplicationException e) {
            throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation: " + describe(e));
        }
    }

    private OrganizationModel organization() {
        OrganizationModel org = session.getProvider(OrganizationProvider.class).getById(orgId);
        if (org == null) {
            throw OrgRequestException.notFound("org_not_found", "No organization '" + orgId + "'.");
        }
        return org;
    }

    private static String validEmail(String email) {
        if (email == null || email.isBlank() || email.length() > MAX_EMAIL || email.indexOf('@') <= 0 || email.strip().contains(" ")) {
            throw ApiException.badRequest("invalid_email", "email must be an email address of at most " + MAX_EMAIL + " characters.");
        }
        return email.strip();
    }

    private static String describe(WebApplicationException e) {
        Object entity = e.getResponse() == null ? null : e.getResponse().getEntity();
        return entity == null ? e.getMessage() : entity.toString();
    }
}
