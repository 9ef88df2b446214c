package io.gatehouse.api;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.org.AdminInvitations;
import io.gatehouse.org.AdminInvitations.AdminInvite;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.organization.admin.resource.OrganizationInvitationResource;
import org.keycloak.representations.idm.OrganizationInvitationRepresentation;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Revokes an admin invitation that was not accepted: Keycloak deletes its invitation, with its own
 * admin event, so the emailed link is dead, and Gatehouse forgets the entry. An entry whose Keycloak
 * invitation is already gone (deleted through Keycloak, replaced) is forgotten with an admin event
 * of the same shape. Only the organization's own admin invitations can be revoked here.
 */
final class AdminInvitationRevocation {

    private final KeycloakSession session;
    private final AdminEventBuilder adminEvent;
    private final AdminPermissionEvaluator auth;

    AdminInvitationRevocation(KeycloakSession session, AdminEventBuilder adminEvent, AdminPermissionEvaluator auth) {
        this.session = session;
        this.adminEvent = adminEvent;
        this.auth = auth;
    }

    void revoke(OrganizationModel org, String invitationId) {
        AdminInvitations invitations = new AdminInvitations(session);
        AdminInvite invite = invitations.get(org.getId(), invitationId).orElseThrow(() -> AdminInvitations.notFound(invitationId));
        invitations.forget(org.getId(), invitationId);
        OrganizationInvitationModel sent = session.getProvider(OrganizationProvider.class).getInvitationManager().getById(invitationId);
        if (sent != null && org.getId().equals(sent.getOrganizationId())) {
            // Keycloak records its DELETE admin event; a refusal is thrown and rolls the revocation back
            new OrganizationInvitationResource(session, org, adminEvent, auth).deleteInvitation(invitationId).close();
        } else {
            adminEvent.resource(ResourceType.ORGANIZATION_MEMBERSHIP).operation(OperationType.DELETE)
                    .representation(representation(org, invite))
                    .resourcePath(session.getContext().getUri())
                    .success();
        }
        new ActivityLog(session).record(org.getId(), Activity.of("org.invitation_revoked", Activity.Outcome.SUCCESS,
                Answers.nameOf(auth.adminAuth()), invite.email(), invite.state().name()));
    }

    /** As Keycloak's own invitation events represent an invitation. */
    private static OrganizationInvitationRepresentation representation(OrganizationModel org, AdminInvite invite) {
        OrganizationInvitationRepresentation rep = new OrganizationInvitationRepresentation();
        rep.setId(invite.id());
        rep.setEmail(invite.email());
        rep.setOrganizationId(org.getId());
        return rep;
    }
}
