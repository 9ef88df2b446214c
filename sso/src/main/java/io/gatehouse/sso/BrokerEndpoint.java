package io.gatehouse.sso;

import jakarta.ws.rs.core.PathSegment;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.List;
import java.util.Optional;

/**
 * The connection whose broker endpoint ({@code /realms/{realm}/broker/{alias}/endpoint}) the
 * current request is: where the IdP's answer arrives. Keycloak's broker error events do not name it.
 */
final class BrokerEndpoint {

    private BrokerEndpoint() {
    }

    static Optional<IdentityProviderModel> of(KeycloakSession session) {
        List<String> segments = session.getContext().getUri().getPathSegments().stream().map(PathSegment::getPath).toList();
        int realms = segments.indexOf("realms");
        boolean endpoint = realms >= 0 && realms + 4 < segments.size()
                && segments.get(realms + 2).equals("broker") && segments.get(realms + 4).equals("endpoint");
        return endpoint ? Optional.ofNullable(session.identityProviders().getByAlias(segments.get(realms + 3))) : Optional.empty();
    }
}
