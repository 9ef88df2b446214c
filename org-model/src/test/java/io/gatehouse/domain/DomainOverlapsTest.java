package io.gatehouse.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainOverlapsTest {

    private static Optional<String> conflict(String wanted, boolean allowSubdomains, String other, boolean otherAllowsSubdomains) {
        return DomainOverlaps.conflict(List.of(Domain.parse(wanted)), allowSubdomains,
                List.of(Domain.parse(other).reach(otherAllowsSubdomains)));
    }

    @Test
    void a_subdomain_of_a_domain_that_allows_subdomains_is_taken() {
        assertEquals(Optional.of("eu.acme.test is already covered by another organization's domain and its subdomains."),
                conflict("eu.acme.test", false, "acme.test", true));
        assertTrue(conflict("x.eu.acme.test", false, "*.acme.test", false).isPresent());
        assertTrue(conflict("acme.test", false, "*.acme.test", false).isPresent(), "the wildcard has its base too");
    }

    @Test
    void subdomains_cannot_be_allowed_over_another_orgs_subdomain() {
        Optional<String> reason = conflict("acme.test", true, "eu.acme.test", false);
        assertTrue(reason.orElseThrow().startsWith("Subdomains of acme.test cannot be included"), reason.orElseThrow());
        assertTrue(conflict("*.acme.test", false, "eu.acme.test", false).isPresent());
        assertTrue(conflict("*.acme.test", false, "*.x.eu.acme.test", false).isPresent());
    }

    @Test
    void the_same_base_is_taken_plain_or_wildcard() {
        assertTrue(conflict("acme.test", false, "acme.test", false).orElseThrow().contains("already belongs"));
        assertTrue(conflict("*.acme.test", false, "acme.test", false).isPresent());
    }

    @Test
    void siblings_parents_without_subdomains_and_other_names_do_not_conflict() {
        assertFalse(conflict("eu.acme.test", true, "us.acme.test", true).isPresent());
        assertFalse(conflict("eu.acme.test", false, "acme.test", false).isPresent(), "acme.test alone says nothing about eu.acme.test");
        assertFalse(conflict("acme.test", false, "eu.acme.test", true).isPresent());
        assertFalse(conflict("*.acme.test", false, "evilacme.test", true).isPresent());
        assertFalse(conflict("acme.test", true, "acme.test.evil.test", true).isPresent());
    }

    @Test
    void the_reason_names_only_the_requested_domain() {
        String reason = conflict("acme.test", true, "secret-team.acme.test", false).orElseThrow();
        assertFalse(reason.contains("secret-team"), reason);
    }
}
