package io.gatehouse.org;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Gives every new member of an organization the org's {@code defaultRole}, however they joined
 * (SSO, invitation, an admin, SCIM), and makes the first invited admin who accepts through Keycloak's
 * invitation link the org's admin (see {@link AdminInvitations}).
 */
final class DefaultRoleOnJoin implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(DefaultRoleOnJoin.class);

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof OrganizationModel.OrganizationMemberJoinEvent joined) {
            grantDefaultRole(joined.getSession(), joined.getOrganization(), joined.getUser());
            new AdminInvitations(joined.getSession()).joined(joined.getOrganization(), joined.getUser());
        }
    }

    private static void grantDefaultRole(KeycloakSession session, OrganizationModel org, UserModel user) {
        String role = session.getProvider(GatehouseOrganizations.class).find(org.getId())
                .map(o -> o.policies().defaultRole())
                .orElse(OrgPolicies.DEFAULTS.defaultRole());
        if (AdminInvitations.isAdminRole(role)) {
            LOG.warnf("Organization '%s' has the admin role as its default role (set before Gatehouse refused it); "
                    + "user '%s' joins with no role", org.getAlias(), user.getUsername());
            return;
        }
        RoleGroups.grant(session, session.getProvider(OrganizationProvider.class), org, user, role);
        LOG.debugf("User '%s' joined organization '%s' with role '%s'", user.getUsername(), org.getAlias(), role);
    }
}
