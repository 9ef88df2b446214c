package io.gatehouse.scim.persistence;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** Hands the SCIM directories' entities and their Liquibase changelog to Keycloak's JPA connection. */
final class ScimEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(ScimDirectoryEntity.class, ScimTokenEntity.class, ScimExternalIdEntity.class,
                ScimUserEmailEntity.class, ScimOrgSecretEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/gatehouse-scim-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ScimEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
