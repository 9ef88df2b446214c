package io.gatehouse.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * A network in CIDR form, IPv4 or IPv6 ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is
 * one host). Parsed from literals only: an operator's allow list must never cause a DNS look-up.
 */
public final class NetworkRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private NetworkRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = literal(network) + "/" + prefixLength;
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code cidr} and how to write it */
    public static NetworkRange parse(String cidr) {
        String value = cidr == null ? "" : cidr.strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literalBytes(address, cidr);
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw invalid(cidr, "the prefix length must be a number from 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        return new NetworkRange(masked(bytes, prefix), prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        return candidate.length == network.length && Arrays.equals(masked(candidate, prefixLength), network);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NetworkRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    private static byte[] literalBytes(String address, String cidr) {
        boolean v4 = IPV4.matcher(address).matches();
        if (v4 ? Arrays.stream(address.split("\\.")).anyMatch(octet -> Integer.parseInt(octet) > 255) : !IPV6.matcher(address).matches()) {
            throw invalid(cidr, "write an IP address and a prefix length, such as 10.0.0.0/8 or fd00::/8");
        }
        byte[] bytes;
        try {
            // A literal (checked above), so this never asks DNS.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw invalid(cidr, "'" + address + "' is not an IP address");
        }
        if (v4 != (bytes.length == 4)) {
            // Java reads ::ffff:a.b.c.d as an IPv4 address; a prefix length written for 128 bits would mislead.
            throw invalid(cidr, "write IPv4 networks in their IPv4 form, such as 10.0.0.0/8");
        }
        return bytes;
    }

    private static byte[] masked(byte[] address, int prefix) {
        byte[] result = address.clone();
        for (int i = 0; i < result.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            result[i] &= (byte) (0xff << (8 - keep));
        }
        return result;
    }

    private static String literal(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }

    private static IllegalArgumentException invalid(String cidr, String why) {
        return new IllegalArgumentException("'" + cidr + "' is not a network range: " + why + ".");
    }
}
