package io.gatehouse.it.support;

import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration every integration test shares (one server per database run):
 * the Gatehouse bundle in providers/, the declarative UI feature for the console's onboarding page, DNS look-ups sent to the loopback dnsmasq,
 * 127.0.0.1 allowed for server-side fetches, where the tests' IdPs run (production allows no internal network),
 * and two regions ({@link #REGIONS}): organizations' region and backendUrl are then checked against them
 * (OperatorInstallTest's server has none, where both stay free text).
 */
public final class GatehouseServerConfig implements KeycloakServerConfig {

    /** The operator's regions: eu-west-1 is https://eu.example.test, us-east-1 is https://us.example.test. */
    public static final String REGIONS = "eu-west-1=EU West 1|https://eu.example.test,us-east-1=US East 1|https://us.example.test";

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder server) {
        return server.dependency("io.gatehouse", "gatehouse-bundle")
                // The admin console's extension pages (Gatehouse's onboarding page), as README tells operators to turn on.
                .features(Profile.Feature.DECLARATIVE_UI, Profile.Feature.ADMIN_FINE_GRAINED_AUTHZ_V2)
                // Keycloak's testing endpoints (time offset), installed for every class so the server is shared.
                .dependency("org.keycloak.testframework", "keycloak-test-framework-remote-providers")
                .spiOption("gatehouse-organizations", "default", "dns-resolver", "127.0.0.1:" + LoopbackDns.port())
                .spiOption("gatehouse-organizations", "default", "dns-timeout-seconds", "2")
                .spiOption("gatehouse-organizations", "default", "public-mailbox-domains", "mail.example-isp.test")
                .spiOption("gatehouse-organizations", "default", "fetch-allowed-networks", "127.0.0.1/32")
                .spiOption("gatehouse-organizations", "default", "regions", REGIONS);
    }
}
