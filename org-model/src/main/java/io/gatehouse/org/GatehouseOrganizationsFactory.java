package io.gatehouse.org;

import io.gatehouse.activity.ActivityPruning;
import io.gatehouse.domain.OrgDomainRules;
import io.gatehouse.events.EventPruning;
import io.gatehouse.events.EventSequencing;
import io.gatehouse.events.KeycloakChangeEvents;
import io.gatehouse.events.RealmEventsRemoval;
import io.gatehouse.domain.PublicMailboxDomains;
import io.gatehouse.outbound.Outbound;
import io.gatehouse.verification.TxtRecordLookup;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the operator's settings once; every session's {@link GatehouseOrganizations} shares them. */
public final class GatehouseOrganizationsFactory implements ProviderFactory<GatehouseOrganizations> {

    private GatehouseConfig config;
    private OrgDomainRules domainRules;
    private TxtRecordLookup txtRecordLookup;
    private Outbound outbound;

    /** The operator's rules for URLs from outside and server-side fetches, for any module that reaches out. */
    public static Outbound outbound(KeycloakSession session) {
        return ((GatehouseOrganizationsFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(GatehouseOrganizations.class)).outbound;
    }

    /** The operator's regions, for a form that offers them before any session exists. */
    public static Regions regions(KeycloakSessionFactory factory) {
        return ((GatehouseOrganizationsFactory) factory.getProviderFactory(GatehouseOrganizations.class)).config.regions();
    }

    @Override
    public GatehouseOrganizations create(KeycloakSession session) {
        return new GatehouseOrganizations(session, domainRules, config.regions(), txtRecordLookup, config.verificationExpiry());
    }

    @Override
    public void init(Config.Scope scope) {
        config = GatehouseConfig.from(scope);
        domainRules = new OrgDomainRules(PublicMailboxDomains.builtInPlus(config.publicMailboxDomains()));
        txtRecordLookup = new TxtRecordLookup(config.dnsResolver(), config.dnsTimeout());
        outbound = Outbound.of(config.fetchAllowedNetworks(), config.fetchRequireHttps());
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        // first, so that an event of a change comes before those of the changes other listeners make in turn
        factory.register(new KeycloakChangeEvents());
        factory.register(new DefaultRoleOnJoin());
        factory.register(new OrgRolesInTokens());
        ActivityPruning.schedule(factory, config.activityRetention(), config.activityPruningEvery());
        factory.register(new RealmEventsRemoval());
        EventSequencing.schedule(factory, config.eventSequencingEvery());
        EventPruning.schedule(factory, config.eventRetention(), config.eventPruningEvery());
    }

    @Override
    public void close() {
        if (outbound != null) {
            try {
                outbound.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String getId() {
        return "default";
    }
}
