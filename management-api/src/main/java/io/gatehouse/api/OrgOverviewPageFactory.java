package io.gatehouse.api;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the organization overview page under {@code /realms/<admin realm>/gatehouse-admin}, and
 * keeps the client it signs in with: made safe at each start, scoped to each realm created later.
 */
public final class OrgOverviewPageFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        OrgOverviewPage page = new OrgOverviewPage(session);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return page;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                OverviewClient.keep(factory);
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                OverviewClient.scopeNewRealm(created.getKeycloakSession(), created.getCreatedRealm());
            }
        });
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return OrgOverviewPage.PATH;
    }
}
