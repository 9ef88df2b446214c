package io.gatehouse.it.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.AuthorizationResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.authorization.Logic;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;
import org.keycloak.representations.idm.authorization.UserPolicyRepresentation;

import java.util.List;
import java.util.Set;

/**
 * Keycloak's fine-grained admin permissions (FGAP v2) on organizations, made the way an operator
 * makes them: user policies and scope permissions of resource type {@code Organizations} on the
 * realm's {@code admin-permissions} client (the realm needs {@code adminPermissionsEnabled}).
 * <p>
 * In v2 a permission on one organization has precedence over the permission on all of them: its
 * policies decide for that organization, for everyone (a permission holds when all its policies
 * grant; v2 allows no other decision strategy). So a permission on org O denies O to an admin its
 * policies do not grant, even one the all-organizations permission lets in.
 */
public final class OrgAdminPermissions {

    public static final String RESOURCE_TYPE = "Organizations";
    private static final Set<String> VIEW_AND_MANAGE = Set.of("view", "manage");

    private final AuthorizationResource authorization;

    public OrgAdminPermissions(RealmResource realm) {
        String clientId = realm.clients().findByClientId("admin-permissions").stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("The realm has no admin-permissions client: is adminPermissionsEnabled on?"))
                .getId();
        this.authorization = realm.clients().get(clientId).authorization();
    }

    /** A user policy that grants exactly these users; answers its id. */
    public String usersPolicy(String name, String... userIds) {
        return userPolicy(name, Logic.POSITIVE, userIds);
    }

    /** A user policy that denies exactly these users (logic NEGATIVE) and grants anyone else; answers its id. */
    public String allUsersBut(String name, String... userIds) {
        return userPolicy(name, Logic.NEGATIVE, userIds);
    }

    /** Lets the policy's users view and manage every organization of the realm. */
    public void viewAndManageAll(String name, String policyId) {
        create(name, List.of(policyId), Set.of());
    }

    /** Lets those whom all the policies grant, and only them, view and manage these organizations. */
    public void viewAndManage(String name, List<String> policyIds, String... orgIds) {
        create(name, policyIds, Set.of(orgIds));
    }

    private String userPolicy(String name, Logic logic, String... userIds) {
        UserPolicyRepresentation policy = new UserPolicyRepresentation();
        policy.setName(name);
        policy.setLogic(logic);
        policy.setUsers(Set.of(userIds));
        try (Response created = authorization.policies().user().create(policy)) {
            requireCreated(created, "policy " + name);
            return created.readEntity(UserPolicyRepresentation.class).getId();
        }
    }

    private void create(String name, List<String> policyIds, Set<String> orgIds) {
        ScopePermissionRepresentation permission = new ScopePermissionRepresentation();
        permission.setName(name);
        permission.setResourceType(RESOURCE_TYPE);
        permission.setScopes(VIEW_AND_MANAGE);
        permission.setResources(orgIds);
        permission.setPolicies(Set.copyOf(policyIds));
        try (Response created = authorization.permissions().scope().create(permission)) {
            requireCreated(created, "permission " + name);
        }
    }

    private static void requireCreated(Response response, String what) {
        if (response.getStatus() != 201) {
            throw new IllegalStateException("Could not create " + what + ": " + response.getStatus() + " " + response.readEntity(String.class));
        }
    }
}
