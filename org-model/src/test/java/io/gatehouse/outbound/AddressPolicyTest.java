package io.gatehouse.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AddressPolicyTest {

    /** The production default: the option is absent, so no internal network is allowed. */
    private final AddressPolicy production = new AddressPolicy(List.of());
    private final AddressPolicy loopbackAllowed = new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32")));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "172.16.0.1",
            "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "239.255.255.250",
            "255.255.255.255", "240.0.0.1", "::", "::1", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1",
            "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1", "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::", "2002:a00:1::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2"})
    void internal_addresses_are_refused_when_no_network_is_allowed(String literal) throws UnknownHostException {
        assertFalse(production.allows(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::6810:84e5",
            "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"})
    void public_addresses_are_allowed(String literal) throws UnknownHostException {
        assertTrue(production.allows(InetAddress.getByName(literal)), literal);
    }

    @Test
    void the_numeric_spellings_of_loopback_that_java_accepts_are_loopback() throws UnknownHostException {
        for (String spelling : List.of("2130706433", "127.1", "0x7f.0.0.1", "0177.0.0.1", "017700000001")) {
            // Java reads some spellings as numbers and refuses the rest as names; neither reaches 127.0.0.1 unchecked.
            List<InetAddress> addresses = production.reachableAddresses(spelling);
            assertTrue(addresses.stream().noneMatch(InetAddress::isLoopbackAddress), spelling + " -> " + addresses);
        }
        assertTrue(production.reachableAddresses("2130706433").isEmpty());
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), loopbackAllowed.reachableAddresses("2130706433"));
    }

    @Test
    void loopback_is_reachable_only_inside_the_allowed_network() throws UnknownHostException {
        assertTrue(loopbackAllowed.allows(InetAddress.getByName("127.0.0.1")));
        assertTrue(loopbackAllowed.allows(InetAddress.getByName("::ffff:127.0.0.1")), "Java reads the mapped form as IPv4");
        assertFalse(loopbackAllowed.allows(InetAddress.getByName("127.0.0.2")));
        assertFalse(loopbackAllowed.allows(InetAddress.getByName("::1")));
        assertFalse(loopbackAllowed.allows(InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void a_name_that_resolves_to_loopback_keeps_only_its_allowed_addresses() throws UnknownHostException {
        assertTrue(production.reachableAddresses("localhost").isEmpty());
        assertFalse(production.allowsAllAddressesOf("localhost"));
        List<InetAddress> reachable = loopbackAllowed.reachableAddresses("localhost");
        assertEquals(List.of(InetAddress.getByName("127.0.0.1")), reachable, "::1, if localhost has it, is dropped");
        boolean onlyIpv4 = List.of(InetAddress.getAllByName("localhost")).stream().allMatch(a -> a.getAddress().length == 4);
        assertEquals(onlyIpv4, loopbackAllowed.allowsAllAddressesOf("localhost"));
    }

    @Test
    void a_name_that_does_not_resolve_or_is_empty_reaches_nothing() {
        assertTrue(loopbackAllowed.reachableAddresses("no-such-host.invalid").isEmpty());
        assertFalse(loopbackAllowed.allowsAllAddressesOf("no-such-host.invalid"));
        assertTrue(loopbackAllowed.reachableAddresses("").isEmpty(), "Java would read an empty name as the local host");
        assertTrue(loopbackAllowed.reachableAddresses("[]").isEmpty());
    }

    @Test
    void an_ipv6_literal_in_brackets_is_judged_as_its_address() {
        assertTrue(production.reachableAddresses("[::1]").isEmpty());
        assertTrue(production.reachableAddresses("[fe80::1]").isEmpty());
        assertFalse(production.reachableAddresses("[2606:4700::6810:84e5]").isEmpty());
    }
}
