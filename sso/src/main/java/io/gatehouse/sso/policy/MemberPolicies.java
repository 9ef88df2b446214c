package io.gatehouse.sso.policy;

import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.OrgPolicies;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.function.Predicate;

/** The policies of the organizations a user belongs to; a policy applies if any of them sets it. */
public final class MemberPolicies {

    /** Realm role an admin gives break-glass accounts, which may sign in locally despite ssoRequired. */
    public static final String BREAK_GLASS_ROLE = "gatehouse-break-glass";

    private MemberPolicies() {
    }

    static boolean anyOrg(KeycloakSession session, UserModel user, Predicate<OrgPolicies> policy) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (user == null || organizations == null || !organizations.isEnabled()) {
            return false;
        }
        GatehouseOrganizations gatehouse = session.getProvider(GatehouseOrganizations.class);
        return organizations.getByMember(user)
                .anyMatch(org -> gatehouse.find(org.getId()).map(o -> policy.test(o.policies())).orElse(false));
    }

    static boolean isBreakGlass(KeycloakSession session, UserModel user) {
        var role = session.getContext().getRealm().getRole(BREAK_GLASS_ROLE);
        return role != null && user.hasRole(role);
    }
}
