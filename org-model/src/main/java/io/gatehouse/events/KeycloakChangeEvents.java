package io.gatehouse.events;

import io.gatehouse.org.AcceptedInvitation;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The changes Keycloak announces inside the changing transaction, whichever door made them (Gatehouse's
 * API, Keycloak's admin console or API, SCIM, a login): memberships, organization roles (an
 * organization's own groups, see {@code RoleGroups}), an organization's removal, and connections
 * ({@link ConnectionEvents}). Registered before any other Gatehouse listener, so a join's
 * {@code membership.created} comes before the {@code role.granted} of its default role.
 */
public final class KeycloakChangeEvents implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
            membership(joined, EventTypes.MEMBERSHIP_CREATED);
        } else if (event instanceof OrganizationModel.OrganizationMemberLeaveEvent left) {
            membership(left, EventTypes.MEMBERSHIP_DELETED);
        } else if (event instanceof GroupModel.GroupMemberJoinEvent joined) {
            role(joined.getKeycloakSession(), joined.getRealm(), joined.getGroup(), joined.getUser(), EventTypes.ROLE_GRANTED);
        } else if (event instanceof GroupModel.GroupMemberLeaveEvent left) {
            role(left.getKeycloakSession(), left.getRealm(), left.getGroup(), left.getUser(), EventTypes.ROLE_REVOKED);
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            organizationDeleted(removed.getKeycloakSession(), removed.getOrganization());
        } else {
            ConnectionEvents.onEvent(event);
        }
    }

    private static void membership(OrganizationModel.OrganizationMembershipEvent change, String type) {
        KeycloakSession session = change.getSession();
        OrganizationModel org = change.getOrganization();
        UserModel user = change.getUser();
        boolean managed = session.getProvider(OrganizationProvider.class).isManagedMember(org, user);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", org.getId());
        data.put("user", user(user, managed));
        if (type.equals(EventTypes.MEMBERSHIP_CREATED)) {
            data.put("joinedBy", JoinedBy.of(session, AcceptedInvitation.carriedBy(session), managed));
        }
        new EventStream(session).record(session.getContext().getRealm(), org.getId(), type, data);
    }

    /** A user joined or left one of an organization's own groups, other than Keycloak's group of all its members. */
    private static void role(KeycloakSession session, RealmModel realm, GroupModel group, UserModel user, String type) {
        OrganizationModel org = group.getOrganization();
        if (org == null) {
            return;
        }
        GroupModel members = session.getProvider(OrganizationProvider.class).getOrganizationGroup(org);
        if (members == null || members.getId().equals(group.getId())) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("organizationId", org.getId());
        data.put("role", group.getName());
        data.put("groupId", group.getId());
        data.put("user", Map.of("id", user.getId(), "username", user.getUsername()));
        new EventStream(session).record(realm, org.getId(), type, data);
    }

    /**
     * Keycloak announces the removal after the organization's groups, members and identity providers are
     * gone, so only what its own row holds can be read: its id, name and alias.
     */
    private static void organizationDeleted(KeycloakSession session, OrganizationModel org) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", org.getId());
        data.put("name", org.getName());
        data.put("alias", org.getAlias());
        new EventStream(session).record(session.getContext().getRealm(), org.getId(), EventTypes.ORGANIZATION_DELETED, data);
    }

    /** A member as the management API's members list shows one. */
    private static Map<String, Object> user(UserModel user, boolean managed) {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("id", user.getId());
        shown.put("username", user.getUsername());
        shown.put("email", user.getEmail());
        shown.put("enabled", user.isEnabled());
        shown.put("membershipType", managed ? "MANAGED" : "UNMANAGED");
        return shown;
    }
}
