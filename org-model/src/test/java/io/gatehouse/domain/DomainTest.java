package io.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainTest {

    @Test
    void a_wildcard_is_its_base_name_with_a_flag_in_canonical_spelling() {
        Domain wildcard = Domain.parse(" *.ACME.Test. ");
        assertTrue(wildcard.isWildcard());
        assertEquals("acme.test", wildcard.base().value());
        assertEquals("*.acme.test", wildcard.value());
        assertEquals("*.xn--bcher-kva.example", Domain.parse("*.Bücher.example").value());
    }

    @Test
    void a_wildcard_reaches_its_base_and_every_name_below_as_in_keycloak() {
        DomainReach reach = Domain.parse("*.acme.test").reach(false);
        assertTrue(reach.covers(DomainName.parse("acme.test")), "Keycloak's *.acme.test includes acme.test itself");
        assertTrue(reach.covers(DomainName.parse("eu.acme.test")));
        assertTrue(reach.covers(DomainName.parse("a.eu.acme.test")));
        assertFalse(reach.covers(DomainName.parse("evilacme.test")));
        assertFalse(reach.covers(DomainName.parse("acme.test.evil.test")));
    }

    @Test
    void a_wildcard_and_allow_subdomains_reach_the_same_names() {
        assertEquals(Domain.parse("*.acme.test").reach(false), Domain.parse("acme.test").reach(true));
        assertEquals(Domain.parse("*.acme.test").reach(true), Domain.parse("acme.test").reach(true));
        assertFalse(Domain.parse("acme.test").reach(false).covers(DomainName.parse("eu.acme.test")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "*.com", "**.acme.test", "*.*.acme.test", "eu.*.acme.test", "*acme.test", "acme.*",
            "*.-bad-.test", "*.1.2.3.4"})
    void refuses_wildcards_keycloak_or_dns_would_not_take(String raw) {
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> Domain.parse(raw));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void refuses_a_wildcard_deeper_than_keycloak_allows() {
        assertThrows(InvalidDomainException.class, () -> Domain.parse("*.a.b.c.d.e.f.g.h.i.j.test"));
        assertEquals("*.a.b.c.d.e.f.g.h.i.test", Domain.parse("*.a.b.c.d.e.f.g.h.i.test").value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"under_score.test", "*.*.acme.test", "localhost", "", "acme..test", "*"})
    void a_stored_domain_gatehouse_cannot_read_is_empty_and_never_throws(String stored) {
        assertTrue(Domain.readStored(stored).isEmpty());
        assertTrue(Domain.readStored(null).isEmpty());
    }

    @Test
    void reaches_overlap_when_one_address_would_be_in_both() {
        DomainReach acmeWithSubdomains = Domain.parse("acme.test").reach(true);
        DomainReach acmeOnly = Domain.parse("acme.test").reach(false);
        DomainReach eu = Domain.parse("eu.acme.test").reach(false);
        DomainReach euWildcard = Domain.parse("*.eu.acme.test").reach(false);
        DomainReach other = Domain.parse("globex.test").reach(true);

        assertTrue(acmeWithSubdomains.overlaps(eu) && eu.overlaps(acmeWithSubdomains));
        assertTrue(acmeWithSubdomains.overlaps(euWildcard));
        assertTrue(acmeOnly.overlaps(Domain.parse("*.acme.test").reach(false)), "the wildcard covers acme.test itself");
        assertFalse(acmeOnly.overlaps(eu), "a plain domain says nothing about names below it");
        assertFalse(acmeOnly.overlaps(euWildcard));
        assertFalse(acmeWithSubdomains.overlaps(other));
        assertFalse(Domain.parse("eu.acme.test").reach(true).overlaps(Domain.parse("us.acme.test").reach(true)));
    }
}
