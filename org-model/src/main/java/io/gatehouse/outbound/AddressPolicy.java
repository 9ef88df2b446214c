package io.gatehouse.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses a server-side request may reach: any public address, and an internal one
 * (loopback, private, link-local, unique-local, multicast, unspecified, carrier-grade NAT,
 * reserved) only inside a network the operator allowed. IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, -compatible, NAT64, 6to4) are judged by the IPv4 address they carry.
 */
public final class AddressPolicy {

    private static final List<NetworkRange> INTERNAL = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "100::/64", "2001::/32", "2001:db8::/32", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8")
            .stream().map(NetworkRange::parse).toList();
    private static final NetworkRange IPV4_COMPATIBLE = NetworkRange.parse("::/96");
    private static final NetworkRange NAT64 = NetworkRange.parse("64:ff9b::/96");
    private static final NetworkRange SIX_TO_FOUR = NetworkRange.parse("2002::/16");

    private final List<NetworkRange> allowed;

    /** @param allowed the operator's networks that may be reached although internal; empty in production */
    public AddressPolicy(List<NetworkRange> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    public boolean allows(InetAddress address) {
        return allowed.stream().anyMatch(range -> range.contains(address)) || !internal(address);
    }

    /**
     * The addresses {@code host} has now that may be reached, in DNS order; empty when it has none
     * or cannot be resolved. A connection is made only to these, so that the name cannot point
     * elsewhere between check and connect.
     */
    public List<InetAddress> reachableAddresses(String host) {
        return resolve(host).stream().filter(this::allows).toList();
    }

    /**
     * Whether every address {@code host} has now may be reached: for URLs that Keycloak itself
     * will call later, with a client that would try any of them.
     */
    public boolean allowsAllAddressesOf(String host) {
        List<InetAddress> addresses = resolve(host);
        return !addresses.isEmpty() && addresses.stream().allMatch(this::allows);
    }

    private static List<InetAddress> resolve(String host) {
        String name = host == null ? "" : host.strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (name.isEmpty()) {
            // Java resolves an empty name to the local host.
            return List.of();
        }
        try {
            return List.of(InetAddress.getAllByName(name));
        } catch (UnknownHostException | SecurityException e) {
            return List.of();
        }
    }

    private static boolean internal(InetAddress address) {
        if (INTERNAL.stream().anyMatch(range -> range.contains(address))) {
            return true;
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            if (IPV4_COMPATIBLE.contains(address) || NAT64.contains(address)) {
                return internal(ipv4(Arrays.copyOfRange(bytes, 12, 16)));
            }
            if (SIX_TO_FOUR.contains(address)) {
                return internal(ipv4(Arrays.copyOfRange(bytes, 2, 6)));
            }
        }
        return false;
    }

    private static InetAddress ipv4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
