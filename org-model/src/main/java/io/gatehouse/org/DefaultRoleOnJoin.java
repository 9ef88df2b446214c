package io.gatehouse.org;

import org.jboss.logging.Logger;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Gives every new member of an organization the org's {@code defaultRole}, however they joined
 * (SSO, invitation, an admin, SCIM). A role is one of the organization's own Keycloak groups, so
 * it shows in tokens through Keycloak's organization claim.
 */
final class DefaultRoleOnJoin implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(DefaultRoleOnJoin.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
            grantDefaultRole(joined.getSession(), joined.getOrganization(), joined.getUser());
        }
    }

    private static void grantDefaultRole(KeycloakSession session, OrganizationModel org, UserModel user) {
        String role = session.getProvider(GatehouseOrganizations.class).find(org.getId())
                .map(o -> o.policies().defaultRole())
                .orElse(OrgPolicies.DEFAULTS.defaultRole());
        OrganizationModel previous = session.getContext().getOrganization();
        session.getContext().setOrganization(org);
        try {
            user.joinGroup(roleGroup(session.getProvider(OrganizationProvider.class), org, role));
            LOG.debugf("User '%s' joined organization '%s' with role '%s'", user.getUsername(), org.getAlias(), role);
        } finally {
            session.getContext().setOrganization(previous);
        }
    }

    static GroupModel roleGroup(OrganizationProvider organizations, OrganizationModel org, String role) {
        return organizations.searchGroupsByName(org, role, true, 0, 1).findFirst()
                .orElseGet(() -> organizations.createGroup(org, role, null));
    }
}
