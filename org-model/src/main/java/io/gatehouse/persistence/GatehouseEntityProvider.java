package io.gatehouse.persistence;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

/** Hands Gatehouse's entities and Liquibase changelog to Keycloak's JPA connection. */
final class GatehouseEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(OrgSettingsEntity.class, DomainClaimEntity.class, DomainVerificationEntity.class, ConnectionStatusEntity.class,
                ActivityEntity.class, AdminInviteEntity.class, ScheduledJobEntity.class, OutboxEventEntity.class, OutboxCounterEntity.class,
                WebhookEndpointEntity.class, WebhookDeliveryEntity.class, WebhookAttemptEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/gatehouse-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return GatehouseEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
