package io.gatehouse.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkRangeTest {

    @Test
    void an_ipv4_range_holds_the_addresses_under_its_prefix() throws UnknownHostException {
        NetworkRange range = NetworkRange.parse("10.1.0.0/16");
        assertTrue(range.contains(InetAddress.getByName("10.1.255.7")));
        assertFalse(range.contains(InetAddress.getByName("10.2.0.1")));
        assertFalse(range.contains(InetAddress.getByName("::1")), "an IPv6 address is never in an IPv4 range");
    }

    @Test
    void an_ipv6_range_holds_the_addresses_under_its_prefix() throws UnknownHostException {
        NetworkRange range = NetworkRange.parse(" fd00:ab::/32 ");
        assertTrue(range.contains(InetAddress.getByName("fd00:ab:1::9")));
        assertFalse(range.contains(InetAddress.getByName("fd00:ac::1")));
        assertFalse(range.contains(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void a_bare_address_is_one_host_and_host_bits_are_masked() throws UnknownHostException {
        assertEquals("127.0.0.1/32", NetworkRange.parse("127.0.0.1").toString());
        assertEquals("0:0:0:0:0:0:0:1/128", NetworkRange.parse("::1").toString());
        NetworkRange masked = NetworkRange.parse("192.168.7.9/24");
        assertEquals("192.168.7.0/24", masked.toString());
        assertTrue(masked.contains(InetAddress.getByName("192.168.7.200")));
        assertTrue(NetworkRange.parse("0.0.0.0/0").contains(InetAddress.getByName("8.8.8.8")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0/8", "10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1", "256.0.0.0/8",
            "localhost/32", "example.com", "10.0.0.0/8/8", "::ffff:10.0.0.0/104", "fd00::zz/8", "1e100.net"})
    void a_wrong_range_is_refused_with_a_sentence_naming_it(String cidr) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NetworkRange.parse(cidr));
        assertTrue(e.getMessage().startsWith("'" + cidr + "' is not a network range: "), e.getMessage());
    }
}
