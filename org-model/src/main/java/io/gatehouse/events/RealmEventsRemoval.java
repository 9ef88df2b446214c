package io.gatehouse.events;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes a removed realm's events with it. There is no foreign key to the realm (see the changelog);
 * anything recorded later in the removing transaction is left to the retention.
 */
public final class RealmEventsRemoval implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager()
                    .createNamedQuery("ghEventsDeleteOfRealm").setParameter("realmId", removed.getRealm().getId()).executeUpdate();
        }
    }
}
