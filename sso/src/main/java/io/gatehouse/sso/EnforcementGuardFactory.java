package io.gatehouse.sso;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Set;

/**
 * Keeps the domain enforcement on: at start-up for every realm (covers realm imports), whenever
 * an identity provider is saved (covers linking it to an organization), and after any admin change
 * to identity providers, their mappers or organizations (covers removing the mapper by hand).
 * A global event listener, so no realm has to enable it. Deleting an organization deletes its
 * connections with it ({@link RemovedOrgConnections}).
 */
public final class EnforcementGuardFactory extends GlobalEventListenerFactory {

    private static final Set<ResourceType> WATCHED = Set.of(ResourceType.IDENTITY_PROVIDER,
            ResourceType.IDENTITY_PROVIDER_MAPPER, ResourceType.ORGANIZATION, ResourceType.ORGANIZATION_MEMBERSHIP);

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
                if (WATCHED.contains(event.getResourceType())) {
                    RealmModel realm = session.realms().getRealm(event.getRealmId());
                    if (realm != null) {
                        withRealm(session, realm, () -> EnforcementAttacher.attachToAllOrgConnections(session));
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(RemovedOrgConnections::onEvent);
        factory.register(event -> {
            if (event instanceof RealmModel.IdentityProviderUpdatedEvent updated) {
                withRealm(updated.getKeycloakSession(), updated.getRealm(),
                        () -> EnforcementAttacher.attach(updated.getKeycloakSession(), updated.getUpdatedIdentityProvider()));
            } else if (event instanceof PostMigrationEvent migrated) {
                KeycloakModelUtils.runJobInTransaction(migrated.getFactory(), session -> session.realms().getRealmsStream()
                        .forEach(realm -> withRealm(session, realm, () -> EnforcementAttacher.attachToAllOrgConnections(session))));
            }
        });
    }

    private static void withRealm(KeycloakSession session, RealmModel realm, Runnable action) {
        RealmModel previous = session.getContext().getRealm();
        session.getContext().setRealm(realm);
        try {
            action.run();
        } finally {
            session.getContext().setRealm(previous);
        }
    }

    @Override
    public String getId() {
        return "gatehouse-enforcement-guard";
    }
}
