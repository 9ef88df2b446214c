package io.gatehouse.org;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * An organization role is one of the organization's own Keycloak groups, named for the role, so it
 * shows in tokens through Keycloak's organization claim. Granting a role joins that group, creating
 * it the first time.
 */
public final class RoleGroups {

    private RoleGroups() {
    }

    public static void grant(KeycloakSession session, OrganizationProvider organizations, OrganizationModel org, UserModel user, String role) {
        OrganizationModel previous = session.getContext().getOrganization();
        session.getContext().setOrganization(org);
        try {
            GroupModel group = organizations.searchGroupsByName(org, role, true, 0, 1).findFirst()
                    .orElseGet(() -> organizations.createGroup(org, role, null));
            if (!user.isMemberOf(group)) {
                user.joinGroup(group);
            }
        } finally {
            session.getContext().setOrganization(previous);
        }
    }
}
