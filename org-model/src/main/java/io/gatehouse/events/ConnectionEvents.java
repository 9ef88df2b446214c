package io.gatehouse.events;

import io.gatehouse.persistence.ConnectionStatusEntity;
import io.gatehouse.persistence.ConnectionStatuses;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.jpa.entities.IdentityProviderEntity;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderEvent;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code connection.*}: a connection is an identity provider linked to an organization. Keycloak announces
 * an identity provider's update with its new state only, so the state before the change is read as it
 * was last committed, in a transaction of its own (the changing one has not committed yet). Linking an
 * identity provider to an organization creates the connection; unlinking or removing it deletes it.
 * A connection is activated or deactivated by its lifecycle ({@link #lifecycleChanged}: the first
 * passing test, an admin starting or stopping it), and by Keycloak's own switch on its identity
 * provider while its lifecycle lets it sign people in. Each connection is created and deleted at most
 * once per request.
 */
public final class ConnectionEvents {

    private static final String ANNOUNCED = ConnectionEvents.class.getName() + ".announced";

    private ConnectionEvents() {
    }

    /** What an identity provider looked like when last committed. */
    private record Committed(String organizationId, boolean enabled) {
    }

    static void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.IdentityProviderUpdatedEvent updated) {
            updated(updated.getKeycloakSession(), updated.getRealm(), updated.getUpdatedIdentityProvider());
        } else if (event instanceof RealmModel.IdentityProviderRemovedEvent removed) {
            IdentityProviderModel idp = removed.getRemovedIdentityProvider();
            if (idp.getOrganizationId() != null) {
                once(removed.getKeycloakSession(), removed.getRealm(), idp, idp.getOrganizationId(), EventTypes.CONNECTION_DELETED);
            }
        }
    }

    private static void updated(KeycloakSession session, RealmModel realm, IdentityProviderModel idp) {
        Optional<Committed> before = committed(session, idp.getInternalId());
        String orgBefore = before.map(Committed::organizationId).orElse(null);
        String orgNow = idp.getOrganizationId();
        if (orgBefore != null && !orgBefore.equals(orgNow)) {
            once(session, realm, idp, orgBefore, EventTypes.CONNECTION_DELETED);
        }
        if (orgNow == null) {
            return;
        }
        if (!orgNow.equals(orgBefore)) {
            once(session, realm, idp, orgNow, EventTypes.CONNECTION_CREATED);
        } else if (before.get().enabled() != idp.isEnabled() && lifecycleSignsIn(session, idp)) {
            new EventStream(session).record(realm, orgNow, activation(idp.isEnabled()), data(idp, orgNow));
        }
    }

    /**
     * A connection's lifecycle moved: to active ({@code signsIn}) or inactive. Recorded in the
     * transaction of the change; a connection stopped in Keycloak's own switch stays quiet here.
     */
    public static void lifecycleChanged(KeycloakSession session, RealmModel realm, IdentityProviderModel idp, String state, boolean signsIn) {
        if (idp.getOrganizationId() == null || !idp.isEnabled()) {
            return;
        }
        Map<String, Object> data = data(idp, idp.getOrganizationId());
        data.put("state", state);
        new EventStream(session).record(realm, idp.getOrganizationId(), activation(signsIn), data);
    }

    private static String activation(boolean signsIn) {
        return signsIn ? EventTypes.CONNECTION_ACTIVATED : EventTypes.CONNECTION_DEACTIVATED;
    }

    /** A draft or a stopped connection signs no one in whatever Keycloak's switch says (no row or no state: active, as sso's ConnectionState reads it). */
    private static boolean lifecycleSignsIn(KeycloakSession session, IdentityProviderModel idp) {
        return new ConnectionStatuses(session).find(idp.getInternalId())
                .map(ConnectionStatusEntity::getState)
                .map(state -> state.equals("ACTIVE"))
                .orElse(true);
    }

    private static void once(KeycloakSession session, RealmModel realm, IdentityProviderModel idp, String orgId, String type) {
        @SuppressWarnings("unchecked")
        Set<String> announced = session.getAttribute(ANNOUNCED, Set.class);
        if (announced == null) {
            announced = new HashSet<>();
            session.setAttribute(ANNOUNCED, announced);
        }
        if (announced.add(type + '\n' + orgId + '\n' + idp.getAlias())) {
            new EventStream(session).record(realm, orgId, type, data(idp, orgId));
        }
    }

    /** Read from the table, past Keycloak's caches; empty for one created in the changing transaction. */
    private static Optional<Committed> committed(KeycloakSession session, String internalId) {
        if (internalId == null) {
            return Optional.empty();
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
            IdentityProviderEntity entity = own.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .find(IdentityProviderEntity.class, internalId);
            return Optional.ofNullable(entity).map(e -> new Committed(e.getOrganizationId(), e.isEnabled()));
        });
    }

    /** A connection as the management API shows its identity: its id is the identity provider's alias. Never its config. */
    private static Map<String, Object> data(IdentityProviderModel idp, String orgId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", idp.getAlias());
        data.put("type", "saml".equals(idp.getProviderId()) ? "saml" : "oidc");
        data.put("displayName", idp.getDisplayName());
        data.put("enabled", idp.isEnabled());
        data.put("organizationId", orgId);
        return data;
    }
}
