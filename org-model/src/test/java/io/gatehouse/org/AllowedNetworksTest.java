package io.gatehouse.org;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllowedNetworksTest {

    @Test
    void no_networks_means_members_sign_in_from_anywhere() throws UnknownHostException {
        OrgPolicies open = OrgPolicies.DEFAULTS;
        assertEquals(List.of(), open.allowedNetworks());
        assertTrue(open.permitsSignInFrom(InetAddress.getByName("203.0.113.9"), false));
        assertTrue(open.permitsSignInFrom(null, false), "nothing to hold an unknown address to");
    }

    @Test
    void members_sign_in_only_from_the_listed_ipv4_and_ipv6_networks() throws UnknownHostException {
        OrgPolicies policies = withNetworks(List.of("10.20.0.0/16", "2001:db8::/32", "127.0.0.1"), false);
        assertTrue(policies.permitsSignInFrom(InetAddress.getByName("10.20.3.4"), false));
        assertTrue(policies.permitsSignInFrom(InetAddress.getByName("2001:db8:5::1"), false));
        assertTrue(policies.permitsSignInFrom(InetAddress.getByName("127.0.0.1"), false));
        assertFalse(policies.permitsSignInFrom(InetAddress.getByName("127.0.0.2"), false));
        assertFalse(policies.permitsSignInFrom(InetAddress.getByName("10.21.0.1"), false));
        assertFalse(policies.permitsSignInFrom(InetAddress.getByName("2001:db9::1"), false));
        assertFalse(policies.permitsSignInFrom(null, false), "an address that cannot be read is refused");
    }

    @Test
    void an_ipv4_address_in_ipv6_mapped_form_is_held_to_the_ipv4_networks() throws UnknownHostException {
        OrgPolicies policies = withNetworks(List.of("192.0.2.0/24"), false);
        assertTrue(policies.permitsSignInFrom(InetAddress.getByName("::ffff:192.0.2.10"), false));
        assertFalse(policies.permitsSignInFrom(InetAddress.getByName("::ffff:198.51.100.1"), false));
    }

    @Test
    void break_glass_accounts_follow_the_networks_unless_the_org_exempts_them() throws UnknownHostException {
        InetAddress outside = InetAddress.getByName("198.51.100.7");
        assertFalse(withNetworks(List.of("10.0.0.0/8"), false).permitsSignInFrom(outside, true));
        assertTrue(withNetworks(List.of("10.0.0.0/8"), true).permitsSignInFrom(outside, true));
        assertFalse(withNetworks(List.of("10.0.0.0/8"), true).permitsSignInFrom(outside, false), "the exemption is for break-glass accounts only");
    }

    @Test
    void networks_are_kept_in_canonical_form_without_repeats() {
        assertEquals(List.of("10.20.0.0/16", "0:0:0:0:0:0:0:1/128", "2001:db8:0:0:0:0:0:0/32"),
                withNetworks(List.of(" 10.20.9.9/16", "::1", "10.20.0.0/16", "2001:DB8::/32"), false).allowedNetworks());
        assertEquals(List.of(), withNetworks(null, false).allowedNetworks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0/8", "10.0.0.0/33", "fd00::/129", "intranet.example.com", "", "10.0.0.0/8; drop", "::ffff:10.0.0.0/104", "256.1.1.1"})
    void a_bad_network_is_refused_naming_the_entry(String bad) {
        OrgRequestException e = assertThrows(OrgRequestException.class, () -> withNetworks(List.of("10.0.0.0/8", bad), false));
        assertEquals(OrgRequestException.Kind.INVALID, e.kind());
        assertEquals("invalid_policy", e.code());
        assertTrue(e.getMessage().startsWith("policies.allowedNetworks: '" + bad + "' is not a network range"), e.getMessage());
    }

    @Test
    void more_than_a_hundred_networks_are_refused() {
        List<String> many = Collections.nCopies(AllowedNetworks.MAX_RANGES + 1, "10.0.0.0/8");
        OrgRequestException e = assertThrows(OrgRequestException.class, () -> withNetworks(many, false));
        assertEquals(OrgRequestException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("at most 100"), e.getMessage());
    }

    @Test
    void a_change_of_networks_shows_in_the_policy_changes() {
        assertEquals("allowedNetworks: [] → [10.0.0.0/8], allowedNetworksExemptBreakGlass: false → true",
                OrgPolicies.DEFAULTS.changesTo(withNetworks(List.of("10.0.0.0/8"), true)));
    }

    private static OrgPolicies withNetworks(List<String> networks, boolean exemptBreakGlass) {
        OrgPolicies d = OrgPolicies.DEFAULTS;
        return new OrgPolicies(d.ssoRequired(), d.mfaForNonSsoUsers(), d.autoJoinByDomain(), d.defaultRole(), d.allowSubdomains(),
                d.requireVerifiedDomains(), d.scimDeleteDeactivates(), networks, exemptBreakGlass);
    }
}
