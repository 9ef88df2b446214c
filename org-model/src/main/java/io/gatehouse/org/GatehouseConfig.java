package io.gatehouse.org;

import org.keycloak.Config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Operator settings, read once from the {@code gatehouse-organizations} SPI scope, for example
 * {@code --spi-gatehouse-organizations--default--dns-resolver=127.0.0.1:5353}.
 */
public record GatehouseConfig(Optional<InetSocketAddress> dnsResolver,
                              Duration dnsTimeout,
                              Duration verificationExpiry,
                              List<String> publicMailboxDomains,
                              Duration activityRetention) {

    private static final int DNS_PORT = 53;

    public static GatehouseConfig from(Config.Scope scope) {
        String[] extraDomains = scope.getArray("public-mailbox-domains");
        return new GatehouseConfig(
                Optional.ofNullable(scope.get("dns-resolver")).filter(s -> !s.isBlank()).map(GatehouseConfig::socketAddress),
                Duration.ofSeconds(scope.getInt("dns-timeout-seconds", 5)),
                Duration.ofDays(scope.getInt("verification-expiry-days", 30)),
                extraDomains == null ? List.of() : List.of(extraDomains),
                Duration.ofDays(scope.getInt("activity-retention-days", 90)));
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
