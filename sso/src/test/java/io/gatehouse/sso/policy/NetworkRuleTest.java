package io.gatehouse.sso.policy;

import io.gatehouse.org.Org;
import io.gatehouse.org.OrgPolicies;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NetworkRuleTest {

    private static final Org OPEN = org("open", List.of(), false);
    private static final Org OFFICE = org("office", List.of("127.0.0.1/32"), false);
    private static final Org LAB = org("lab", List.of("127.0.0.2/32", "::1/128"), true);

    @Test
    void a_sign_in_passes_when_every_organization_it_concerns_allows_the_address() throws UnknownHostException {
        assertEquals(Optional.empty(), NetworkRule.refusing(List.of(OPEN, OFFICE), from("127.0.0.1"), false));
        assertEquals(Optional.empty(), NetworkRule.refusing(List.of(), from("203.0.113.1"), false));
        assertEquals(Optional.empty(), NetworkRule.refusing(List.of(LAB), from("::1"), false));
    }

    @Test
    void one_organization_that_does_not_allow_the_address_refuses() throws UnknownHostException {
        assertEquals(Optional.of(OFFICE), NetworkRule.refusing(List.of(OPEN, OFFICE), from("127.0.0.2"), false));
        assertEquals(Optional.of(LAB), NetworkRule.refusing(List.of(OFFICE, LAB), from("127.0.0.1"), false));
        assertEquals(Optional.of(OFFICE), NetworkRule.refusing(List.of(OFFICE), Optional.empty(), false), "an unknown address");
    }

    @Test
    void a_break_glass_account_is_let_through_only_by_an_organization_that_exempts_it() throws UnknownHostException {
        assertEquals(Optional.empty(), NetworkRule.refusing(List.of(LAB), from("127.0.0.1"), true));
        assertEquals(Optional.of(OFFICE), NetworkRule.refusing(List.of(LAB, OFFICE), from("127.0.0.3"), true));
    }

    private static Optional<InetAddress> from(String address) throws UnknownHostException {
        return Optional.of(InetAddress.getByName(address));
    }

    private static Org org(String id, List<String> networks, boolean exemptBreakGlass) {
        OrgPolicies d = OrgPolicies.DEFAULTS;
        return new Org(id, id, id, List.of(), null, Map.of(), new OrgPolicies(d.ssoRequired(), d.mfaForNonSsoUsers(),
                d.autoJoinByDomain(), d.defaultRole(), d.allowSubdomains(), d.requireVerifiedDomains(), d.scimDeleteDeactivates(),
                networks, exemptBreakGlass));
    }
}
