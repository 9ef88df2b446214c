package io.gatehouse.org;

import io.gatehouse.outbound.NetworkRange;
import org.keycloak.Config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Operator settings, read once from the {@code gatehouse-organizations} SPI scope, for example
 * {@code --spi-gatehouse-organizations--default--dns-resolver=127.0.0.1:5353}.
 *
 * @param fetchAllowedNetworks internal networks (CIDR) that server-side fetches and IdP endpoints may reach;
 *                             none by default, so loopback, private and link-local addresses are refused
 * @param fetchRequireHttps    whether URLs from outside (metadata, discovery, their endpoints) must be https
 * @param activityPruningEvery how often the activity log is pruned, once across the cluster
 * @param eventRetention       how long events stay readable (replay is promised within it)
 * @param eventPruningEvery    how often old events are pruned, once across the cluster
 * @param eventSequencingEvery how often each node sequences events no after-commit run numbered
 * @param regions              the regions an organization may be placed in ({@link Regions}); none by default
 */
public record GatehouseConfig(Optional<InetSocketAddress> dnsResolver,
                              Duration dnsTimeout,
                              Duration verificationExpiry,
                              List<String> publicMailboxDomains,
                              Duration activityRetention,
                              Duration activityPruningEvery,
                              List<NetworkRange> fetchAllowedNetworks,
                              boolean fetchRequireHttps,
                              Duration eventRetention,
                              Duration eventPruningEvery,
                              Duration eventSequencingEvery,
                              Regions regions) {

    private static final int DNS_PORT = 53;
    static final String FETCH_ALLOWED_NETWORKS = "fetch-allowed-networks";

    public static GatehouseConfig from(Config.Scope scope) {
        String[] extraDomains = scope.getArray("public-mailbox-domains");
        return new GatehouseConfig(
                Optional.ofNullable(scope.get("dns-resolver")).filter(s -> !s.isBlank()).map(GatehouseConfig::socketAddress),
                Duration.ofSeconds(scope.getInt("dns-timeout-seconds", 5)),
                Duration.ofDays(scope.getInt("verification-expiry-days", 30)),
                extraDomains == null ? List.of() : List.of(extraDomains),
                Duration.ofDays(scope.getInt("activity-retention-days", 90)),
                Duration.ofSeconds(scope.getInt("activity-pruning-interval-seconds", 3600)),
                networks(scope.getArray(FETCH_ALLOWED_NETWORKS)),
                scope.getBoolean("fetch-require-https", false),
                Duration.ofDays(scope.getInt("event-retention-days", 30)),
                Duration.ofSeconds(scope.getInt("event-pruning-interval-seconds", 3600)),
                Duration.ofSeconds(scope.getInt("event-sequencing-interval-seconds", 5)),
                Regions.parse(scope.getArray(Regions.OPTION)));
    }

    /** A wrong entry stops the start with the option's name, rather than quietly allowing less or more. */
    static List<NetworkRange> networks(String[] entries) {
        if (entries == null) {
            return List.of();
        }
        try {
            return Arrays.stream(entries).filter(entry -> !entry.isBlank()).map(NetworkRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spi-gatehouse-organizations--default--" + FETCH_ALLOWED_NETWORKS + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress socketAddress(String hostAndPort) {
        String value = hostAndPort.strip();
        int colon = value.lastIndexOf(':');
        if (colon > 0 && value.indexOf(':') == colon) {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        }
        return new InetSocketAddress(value, DNS_PORT);
    }
}
