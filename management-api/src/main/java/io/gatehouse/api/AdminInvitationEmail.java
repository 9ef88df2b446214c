package io.gatehouse.api;

import io.gatehouse.org.AdminInvitations;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.admin.resource.OrganizationInvitationResource;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.List;
import java.util.Map;

/**
 * Invites one of the customer's admins: has Keycloak send its own organization invitation email,
 * with its own checks, admin event and link, and records which of Keycloak's invitations that was
 * and who sent it (only accepting that invitation can make an admin). Inviting an address again
 * replaces its earlier link. The API and the console's onboarding page both invite here.
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

    /** The invitation Keycloak sent: its id and the address it went to. */
    record Sent(String id, String email) {
    }

    Sent send(OrganizationModel org, String email, String firstName, String lastName) {
        String address = validEmail(email);
        if (session.getContext().getRealm().getSmtpConfig() == null || session.getContext().getRealm().getSmtpConfig().isEmpty()) {
            throw ApiException.badRequest("no_smtp", "This realm has no SMTP server configured, so Keycloak cannot send the invitation email.");
        }
        AdminInvitations invitations = new AdminInvitations(session);
        invitations.prepareToInvite(org.getId(), address);
        clearKeycloaksOwn(org, address);
        OrganizationInvitationResource keycloak = new OrganizationInvitationResource(session, org, adminEvent, auth);
        UserModel existing = session.users().getUserByEmail(session.getContext().getRealm(), address);
        if (existing != null && !existing.isEmailVerified()) {
            // Keycloak's link signs in the account it names: one someone registered with this address unproven
            // would be promoted when the address's real owner follows the link.
            throw new ApiException(Response.Status.CONFLICT, "unverified_account", "The account with the email " + address
                    + " has not verified it, so an admin invitation is not sent to it; have its email verified first.");
        }
        try (Response sent = existing == null
                ? keycloak.inviteUser(address, firstName, lastName)
                : keycloak.inviteExistingUser(existing.getId())) {
            if (sent.getStatus() >= 400) {
                throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation to " + address + ": " + sent.getEntity());
            }
        } catch (WebApplicationException e) {
            throw ApiException.badRequest("invitation_failed", "Keycloak could not send the invitation to " + address + ": " + describe(e));
        }
        String id = newInvitation(org, address);
        invitations.record(org.getId(), address, id, inviter());
        return new Sent(id, address);
    }

    /**
     * Keycloak holds one invitation per address and organization. One it still has after
     * {@link AdminInvitations#prepareToInvite} was sent some other way (Keycloak's own API): pending,
     * it is refused before any email goes out; expired, it is deleted, as Keycloak's own invite does.
     */
    private void clearKeycloaksOwn(OrganizationModel org, String address) {
        for (OrganizationInvitationModel other : keycloakInvitations(org, address)) {
            if (!other.isExpired()) {
                throw new ApiException(Response.Status.CONFLICT, "invitation_pending", address + " has a pending invitation that"
                        + " Keycloak sent outside Gatehouse; delete it in Keycloak (or let it expire), then invite again.");
            }
            invitationManager().remove(other.getId());
        }
    }

    /** The invitation Keycloak just made for the address: the only one it has for it now. */
    private String newInvitation(OrganizationModel org, String address) {
        List<OrganizationInvitationModel> created = keycloakInvitations(org, address);
        if (created.size() != 1) {
            throw ApiException.badRequest("invitation_failed", "Keycloak sent the invitation to " + address
                    + " but Gatehouse could not tell which invitation it made; invite again.");
        }
        // Keycloak keeps the link and lists it in its own invitations API to anyone who may manage the
        // organization; whoever read it could register as the invitee without owning the address.
        created.get(0).setInviteLink(null);
        return created.get(0).getId();
    }

    private List<OrganizationInvitationModel> keycloakInvitations(OrganizationModel org, String address) {
        return invitationManager().getAllStream(org, Map.of(OrganizationInvitationModel.Filter.EMAIL, address), null, null).toList();
    }

    private InvitationManager invitationManager() {
        return session.getProvider(OrganizationProvider.class).getInvitationManager();
    }

    private AdminInvitations.Inviter inviter() {
        AdminAuth admin = auth.adminAuth();
        return new AdminInvitations.Inviter(admin.getRealm().getId(), admin.getRealm().getName(), admin.getUser().getId(),
                admin.getUser().getUsername(), admin.getClient().getId());
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
