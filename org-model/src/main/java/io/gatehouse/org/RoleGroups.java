package io.gatehouse.org;

import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * An organization role is one of the organization's own Keycloak groups, named for the role, so it
 * shows in tokens through Keycloak's organization claim. Granting a role joins that group, creating
 * it the first time.
 *
 * <p>Every provisioned user joins the default role's group, so the group's id is remembered per
 * organization and role: the next grant reads the group from Keycloak's cache instead of searching
 * the organization's groups by name. A remembered id is used only while it still names that
 * organization's group of that name.
 */
public final class RoleGroups {

    private static final Map<String, String> GROUP_IDS = new ConcurrentHashMap<>();

    private RoleGroups() {
    }

    /** What a grant did: the role's group, and whether this grant had to create it. */
    public record Grant(GroupModel group, boolean groupCreated) {
    }

    public static Grant grant(KeycloakSession session, OrganizationProvider organizations, OrganizationModel org, UserModel user, String role) {
        return inOrganization(session, org, () -> {
            Grant grant = group(session, organizations, org, role);
            user.joinGroup(grant.group());
            return grant;
        });
    }

    /**
     * Makes sure the role's group exists, without granting it to anyone: done where parallel first
     * grants are about to come (a new SCIM directory's first push), so that they find the group
     * instead of racing to create it.
     */
    public static Grant ensure(KeycloakSession session, OrganizationProvider organizations, OrganizationModel org, String role) {
        return inOrganization(session, org, () -> group(session, organizations, org, role));
    }

    /** Keycloak changes an organization's groups only while that organization is the session's. */
    private static Grant inOrganization(KeycloakSession session, OrganizationModel org, Supplier<Grant> change) {
        OrganizationModel previous = session.getContext().getOrganization();
        session.getContext().setOrganization(org);
        try {
            return change.get();
        } finally {
            session.getContext().setOrganization(previous);
        }
    }

    /** The roles a member holds in the organization: the names of its groups they belong to, sorted. */
    public static List<String> of(OrganizationProvider organizations, OrganizationModel org, UserModel member) {
        return organizations.getOrganizationGroupsByMember(org, member).map(GroupModel::getName).sorted().toList();
    }

    private static Grant group(KeycloakSession session, OrganizationProvider organizations, OrganizationModel org, String role) {
        String key = org.getId() + '\n' + role;
        String rememberedId = GROUP_IDS.get(key);
        GroupModel remembered = rememberedId == null ? null : session.groups().getGroupById(session.getContext().getRealm(), rememberedId);
        if (remembered != null && role.equals(remembered.getName()) && remembered.getOrganization() != null
                && org.getId().equals(remembered.getOrganization().getId())) {
            return new Grant(remembered, false);
        }
        GroupModel found = organizations.searchGroupsByName(org, role, true, 0, 1).findFirst().orElse(null);
        GroupModel group = found != null ? found : organizations.createGroup(org, role, null);
        GROUP_IDS.put(key, group.getId());
        return new Grant(group, found == null);
    }
}
