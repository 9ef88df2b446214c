package io.gatehouse.sso.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The address a request came from, as Keycloak reports it ({@code ClientConnection.getRemoteAddr()},
 * which follows the server's {@code proxy-headers} setting). Gatehouse never reads a forwarding
 * header itself: any client can write one. Read as a literal only, so it never asks DNS; anything
 * else is unknown, which a network restriction refuses.
 */
final class ClientAddress {

    private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private ClientAddress() {
    }

    static Optional<InetAddress> parse(String remoteAddr) {
        if (remoteAddr == null) {
            return Optional.empty();
        }
        String address = remoteAddr.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone); // an IPv6 zone names the interface, not the host
        }
        if (!LITERAL.matcher(address).matches() || !(address.contains(":") || address.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(address));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
