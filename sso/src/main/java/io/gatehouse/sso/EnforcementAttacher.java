package io.gatehouse.sso;

import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Map;

/**
 * Makes sure every identity provider linked to an organization carries the domain enforcement
 * mapper, whichever way it was created or linked (Gatehouse API, Keycloak's organization API,
 * the admin console, a realm import), and puts it back when someone removes it.
 */
final class EnforcementAttacher {

    static final String MAPPER_NAME = "Gatehouse organization domain enforcement";

    private static final Logger LOG = Logger.getLogger(EnforcementAttacher.class);

    private EnforcementAttacher() {
    }

    static void attachToAllOrgConnections(KeycloakSession session) {
        session.identityProviders().getAllStream()
                .filter(idp -> idp.getOrganizationId() != null)
                .forEach(idp -> attach(session, idp));
    }

    static void attach(KeycloakSession session, IdentityProviderModel idp) {
        if (idp.getOrganizationId() == null || hasMapper(session, idp)) {
            return;
        }
        IdentityProviderMapperModel mapper = new IdentityProviderMapperModel();
        mapper.setName(MAPPER_NAME);
        mapper.setIdentityProviderAlias(idp.getAlias());
        mapper.setIdentityProviderMapper(DomainEnforcementMapper.ID);
        // FORCE: Keycloak calls the mapper on every login, so CheckedEmailKeeper looks at every sync, whatever the IdP's own sync mode.
        mapper.setConfig(Map.of(IdentityProviderMapperModel.SYNC_MODE, "FORCE"));
        session.identityProviders().createMapper(mapper);
        LOG.infof("Attached organization domain enforcement to identity provider '%s' (organization '%s')",
                idp.getAlias(), idp.getOrganizationId());
    }

    private static boolean hasMapper(KeycloakSession session, IdentityProviderModel idp) {
        return session.identityProviders().getMappersByAliasStream(idp.getAlias())
                .anyMatch(m -> DomainEnforcementMapper.ID.equals(m.getIdentityProviderMapper()));
    }
}
