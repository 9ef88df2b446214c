package io.gatehouse.org;

import io.gatehouse.outbound.NetworkRange;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code policies.allowedNetworks}: the networks (CIDR, IPv4 or IPv6) an organization's members
 * may sign in from. None means anywhere. Parsed from literals only, like the operator's fetch
 * allow list: a policy must never cause a DNS look-up.
 */
public final class AllowedNetworks {

    static final int MAX_RANGES = 100;
    private static final String FIELD = "policies.allowedNetworks";

    private final List<NetworkRange> ranges;

    private AllowedNetworks(List<NetworkRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** @throws OrgRequestException (invalid) naming the first entry that is not a network range */
    public static AllowedNetworks parse(List<String> texts) {
        if (texts == null) {
            return new AllowedNetworks(List.of());
        }
        if (texts.size() > MAX_RANGES) {
            throw OrgRequestException.invalid("invalid_policy", FIELD + " may hold at most " + MAX_RANGES + " network ranges.");
        }
        Set<NetworkRange> ranges = new LinkedHashSet<>();
        for (String text : texts) {
            try {
                ranges.add(NetworkRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw OrgRequestException.invalid("invalid_policy", FIELD + ": " + e.getMessage());
            }
        }
        return new AllowedNetworks(new ArrayList<>(ranges));
    }

    /** The ranges in canonical form ({@code 10.0.0.0/8}), without repeats, in the order given. */
    public List<String> texts() {
        return ranges.stream().map(NetworkRange::toString).toList();
    }

    /** True if the organization restricts where its members sign in from. */
    public boolean restricts() {
        return !ranges.isEmpty();
    }

    /** True if sign-in from {@code address} is allowed: no restriction, or the address is in one of the ranges. */
    public boolean permits(InetAddress address) {
        return ranges.isEmpty() || (address != null && ranges.stream().anyMatch(r -> r.contains(address)));
    }
}
