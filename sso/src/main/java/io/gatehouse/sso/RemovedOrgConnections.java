package io.gatehouse.sso;

import io.gatehouse.activity.AbsentActorEvents;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Deleting an organization deletes its connections, in the same transaction and whichever API
 * deleted it (Gatehouse's or Keycloak's): an offboarded customer's IdP must not stay enabled with
 * no organization to hold its logins to. Keycloak 26.7 unlinks the organization's identity providers
 * before it announces the removal ({@code JpaOrganizationProvider.remove}), so the unlinking is
 * remembered in the session, with the organization under removal that Keycloak puts in the session's
 * context, and acted on when the removal event names that organization. Each deletion is an admin
 * event made by Gatehouse (the organization's own deletion event names the admin).
 */
final class RemovedOrgConnections {

    private static final String UNLINKED = "gatehouse.unlinked-connections.";
    private static final Logger LOG = Logger.getLogger(RemovedOrgConnections.class);

    private RemovedOrgConnections() {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.IdentityProviderUpdatedEvent updated) {
            remember(updated.getKeycloakSession(), updated.getUpdatedIdentityProvider());
        } else if (event instanceof OrganizationModel.OrganizationRemovedEvent removed) {
            removeConnections(removed.getKeycloakSession(), removed.getOrganization());
        }
    }

    private static void remember(KeycloakSession session, IdentityProviderModel idp) {
        OrganizationModel inContext = session.getContext().getOrganization();
        if (idp.getOrganizationId() == null && inContext != null) {
            unlinkedFrom(session, inContext.getId()).add(idp.getAlias());
        }
    }

    private static void removeConnections(KeycloakSession session, OrganizationModel org) {
        Set<String> aliases = new HashSet<>(unlinkedFrom(session, org.getId()));
        org.getIdentityProviders().map(IdentityProviderModel::getAlias).forEach(aliases::add);
        for (String alias : aliases) {
            IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
            // Only what is still unlinked: an IdP linked again to another organization in this request is its now.
            if (idp != null && (idp.getOrganizationId() == null || idp.getOrganizationId().equals(org.getId()))) {
                session.identityProviders().remove(alias);
                AbsentActorEvents.byGatehouse(session, session.getContext().getRealm())
                        .operation(OperationType.DELETE).resource(ResourceType.IDENTITY_PROVIDER)
                        .resourcePath("identity-provider", "instances", alias)
                        .representation(Map.of("alias", alias, "organizationId", org.getId()))
                        .detail("reason", "organization_deleted")
                        .success();
                LOG.infof("Removed connection '%s' with its organization '%s'", alias, org.getId());
            }
        }
        session.removeAttribute(UNLINKED + org.getId());
    }

    @SuppressWarnings("unchecked")
    private static Set<String> unlinkedFrom(KeycloakSession session, String orgId) {
        Set<String> aliases = session.getAttribute(UNLINKED + orgId, Set.class);
        if (aliases == null) {
            aliases = new HashSet<>();
            session.setAttribute(UNLINKED + orgId, aliases);
        }
        return aliases;
    }
}
