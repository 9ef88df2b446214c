package io.gatehouse.org;

import io.gatehouse.activity.ActivityPruning;
import io.gatehouse.domain.OrgDomainRules;
import io.gatehouse.domain.PublicMailboxDomains;
import io.gatehouse.verification.TxtRecordLookup;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

/** Reads the operator's settings once; every session's {@link GatehouseOrganizations} shares them. */
public final class GatehouseOrganizationsFactory implements ProviderFactory<GatehouseOrganizations> {

    private GatehouseConfig config;
    private OrgDomainRules domainRules;
    private TxtRecordLookup txtRecordLookup;

    @Override
    public GatehouseOrganizations create(KeycloakSession session) {
        return new GatehouseOrganizations(session, domainRules, txtRecordLookup, config.verificationExpiry());
    }

    @Override
    public void init(Config.Scope scope) {
        config = GatehouseConfig.from(scope);
        domainRules = new OrgDomainRules(PublicMailboxDomains.builtInPlus(config.publicMailboxDomains()));
        txtRecordLookup = new TxtRecordLookup(config.dnsResolver(), config.dnsTimeout());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new DefaultRoleOnJoin());
        factory.register(new OrgRolesInTokens());
        ActivityPruning.schedule(factory, config.activityRetention());
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "default";
    }
}
