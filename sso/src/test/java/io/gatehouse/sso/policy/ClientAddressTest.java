package io.gatehouse.sso.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientAddressTest {

    @Test
    void ipv4_and_ipv6_literals_are_read() throws UnknownHostException {
        assertEquals(Optional.of(InetAddress.getByName("127.0.0.2")), ClientAddress.parse("127.0.0.2"));
        assertEquals(Optional.of(InetAddress.getByName("::1")), ClientAddress.parse("0:0:0:0:0:0:0:1"));
        assertEquals(Optional.of(InetAddress.getByName("2001:db8::7")), ClientAddress.parse("[2001:db8::7]"));
        assertEquals(Optional.of(InetAddress.getByName("fe80::1")), ClientAddress.parse("fe80::1%eth0"));
        assertEquals(Optional.of(InetAddress.getByName("192.0.2.1")), ClientAddress.parse("::ffff:192.0.2.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "localhost", "evil.example.com", "10.0.0.1, 127.0.0.1", "unknown", "1.2.3", "999.1.1.1"})
    void anything_but_a_literal_is_unknown_and_never_looked_up(String value) {
        assertTrue(ClientAddress.parse(value).isEmpty(), value);
    }

    @Test
    void no_address_is_unknown() {
        assertTrue(ClientAddress.parse(null).isEmpty());
    }
}
