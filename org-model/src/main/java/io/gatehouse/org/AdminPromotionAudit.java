package io.gatehouse.org;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.AbsentActorEvents;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.persistence.AdminInviteEntity;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records an invitee's promotion to admin where auditors look: a Keycloak admin event, as Keycloak
 * records adding a user to an organization group, and the organization's activity log. A promotion
 * happens during the invitee's login, where there is no admin token, so the actor is the admin who
 * sent the invitation, as stored with it (unknown for invitations sent before Gatehouse stored it).
 */
final class AdminPromotionAudit {

    private AdminPromotionAudit() {
    }

    static void record(KeycloakSession session, OrganizationModel org, UserModel user, GroupModel group, AdminInviteEntity invite) {
        Map<String, String> representation = new LinkedHashMap<>();
        representation.put("organizationId", org.getId());
        representation.put("userId", user.getId());
        representation.put("username", user.getUsername());
        representation.put("role", AdminInvitations.ADMIN_ROLE);
        representation.put("groupId", group.getId());
        representation.put("invitationId", invite.getKeycloakInvitationId());
        inviterEvent(session, invite)
                .operation(OperationType.CREATE)
                .resource(ResourceType.ORGANIZATION_GROUP_MEMBERSHIP)
                .resourcePath("organizations", org.getId(), "groups", group.getId(), "members", user.getId())
                .representation(representation)
                .detail(UserModel.USERNAME, user.getUsername())
                .detail(UserModel.EMAIL, user.getEmail())
                .success();
        new ActivityLog(session).record(org.getId(), Activity.of("org.admin_promoted", Activity.Outcome.SUCCESS,
                Activity.admin(invite.getInviterRealmName(), invite.getInviterUsername()), user.getUsername(),
                "Accepted the first admin invitation of the organization (sent to " + invite.getEmail() + ")"));
    }

    private static AdminEventBuilder inviterEvent(KeycloakSession session, AdminInviteEntity invite) {
        AuthDetails inviter = new AuthDetails();
        inviter.setRealmId(invite.getInviterRealmId());
        inviter.setRealmName(invite.getInviterRealmName());
        inviter.setClientId(invite.getInviterClientId());
        inviter.setUserId(invite.getInviterUserId());
        return AbsentActorEvents.onBehalfOf(session, session.getContext().getRealm(), inviter);
    }
}
