package io.gatehouse.onboarding.persistence;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

public final class OnboardingEntityProviderFactory implements JpaEntityProviderFactory {

    static final String ID = "gatehouse-onboarding";

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return new OnboardingEntityProvider();
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
        return ID;
    }
}
