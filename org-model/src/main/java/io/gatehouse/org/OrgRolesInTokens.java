package io.gatehouse.org;

import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

import java.util.Map;

/**
 * Org roles are the organization's groups. In every realm created from now on, Keycloak's
 * {@code organization} client scope also lists the member's organization groups, so a token asked
 * for with that scope carries {@code organization.<alias>.groups}, the member's roles.
 */
final class OrgRolesInTokens implements ProviderEventListener {

    static final String GROUP_MAPPER = "oidc-organization-group-membership-mapper";
    private static final String SCOPE = "organization";

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            addGroupsToOrganizationClaim(created.getCreatedRealm());
        }
    }

    private static void addGroupsToOrganizationClaim(RealmModel realm) {
        realm.getClientScopesStream()
                .filter(scope -> SCOPE.equals(scope.getName()) && "openid-connect".equals(scope.getProtocol()))
                .filter(scope -> scope.getProtocolMappersStream().noneMatch(m -> GROUP_MAPPER.equals(m.getProtocolMapper())))
                .forEach(scope -> {
                    ProtocolMapperModel mapper = new ProtocolMapperModel();
                    mapper.setName("organization roles (groups)");
                    mapper.setProtocol("openid-connect");
                    mapper.setProtocolMapper(GROUP_MAPPER);
                    mapper.setConfig(Map.of("access.token.claim", "true", "id.token.claim", "true", "introspection.token.claim", "true"));
                    scope.addProtocolMapper(mapper);
                });
    }
}
