package io.gatehouse.sso;

import org.keycloak.Config;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * A listener that hears every realm's events without the realm enabling it: Gatehouse's guarantees
 * must not depend on an admin ticking a box.
 */
public abstract class GlobalEventListenerFactory implements EventListenerProviderFactory {

    @Override
    public final boolean isGlobal() {
        return true;
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
}
