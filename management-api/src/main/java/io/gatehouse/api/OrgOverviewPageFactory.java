package io.gatehouse.api;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the organization overview page under {@code /realms/{realm}/gatehouse-admin}. */
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
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return OrgOverviewPage.PATH;
    }
}
