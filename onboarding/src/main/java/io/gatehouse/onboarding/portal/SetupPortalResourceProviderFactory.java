package io.gatehouse.onboarding.portal;

import io.gatehouse.onboarding.SetupLinks;
import io.gatehouse.onboarding.SsoArrival;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves the setup portal under {@code /realms/{realm}/gatehouse-setup}. */
public final class SetupPortalResourceProviderFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        SetupPortalResource resource = new SetupPortalResource(session);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
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
        SsoArrival.listen(factory);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return SetupLinks.PORTAL_PATH;
    }
}
