package io.gatehouse.api;

import io.gatehouse.org.AdminInvitations;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.admin.resource.OrganizationInvitationResource;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Invites one of the customer's admins: records the invitation (the first to accept becomes the
 * organization's admin) and has Keycloak send its own organization invitation email, with its
 * own checks, admin event and link. The API and the console's onboarding page both invite here.
 */
final class AdminInvitationEmail {

    private static final int MAX_EMAIL = 255;

    private final KeycloakSession session;
    private final AdminEventBuilder adminEvent;
    private final AdminPermissionEvaluator auth;

    AdminInvitationEmail(KeycloakSession session, AdminEventBuilder adminEvent, AdminPermissionEvaluator auth) {
        this.session = session;
        this.adminEvent = adminEvent;
        this.auth = auth;
    }

    /** @return the address the invitation went to */
    String send(OrganizationModel org, String email, String firstName, String lastName) {
        String address = validEmail(email);
        if (session.getContext().getRealm().getSmtpConfig() == null || session.getContext().getRealm().getSmtpConfig().isEmpty()) {
            throw ApiException.badRequest("no_smtp", "This realm has no SMTP server configured, so Keycloak cannot send the invitation email.");
        }
        new AdminInvitations(session).record(org.getId(), address);
        OrganizationInvitationResource invitations = new OrganizationInvitationResource(session, org, adminEvent, auth);
        UserModel existing = session.users().getUserByEmail(session.getContext().getRealm(), address);
        try (Response sent = existing == null
                ? invitations.inviteUser(address, firstName, lastName)
                : invitations.inviteExistingUser(existing.getId())) {
            if (sent.getStatus() >= 400) {
                throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation to " + address + ": " + sent.getEntity());
            }
        } catch (WebApplicationException e) {
            throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation to " + address + ": " + describe(e));
        }
        return address;
    }

    private static String validEmail(String email) {
        if (email == null || email.isBlank() || email.length() > MAX_EMAIL || email.indexOf('@') <= 0 || email.strip().contains(" ")) {
            throw ApiException.badRequest("invalid_email", "'" + email + "' is not an email address of at most " + MAX_EMAIL + " characters.");
        }
        return email.strip();
    }

    private static String describe(WebApplicationException e) {
        Object entity = e.getResponse() == null ? null : e.getResponse().getEntity();
        return entity == null ? e.getMessage() : entity.toString();
    }
}
