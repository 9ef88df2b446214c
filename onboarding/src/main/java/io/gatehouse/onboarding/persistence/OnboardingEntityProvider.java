package io.gatehouse.onboarding.persistence;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** Hands the setup links' entity and its Liquibase changelog to Keycloak's JPA connection. */
final class OnboardingEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SetupLinkEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/gatehouse-onboarding-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return OnboardingEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
