package io.gatehouse.domain;

import io.gatehouse.domain.EmailDomainPolicy.Verdict;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmailDomainPolicyTest {

    private static Org org(boolean allowSubdomains, boolean requireVerified, Org.OrgDomain... domains) {
        OrgPolicies policies = new OrgPolicies(false, true, false, "member", allowSubdomains, requireVerified, false, List.of(), false);
        return new Org("id", "Acme", "acme", List.of(domains), null, Map.of(), policies);
    }

    private static final Org ACME = org(false, false, new Org.OrgDomain("acme.test", false));

    @ParameterizedTest
    @ValueSource(strings = {"alice@acme.test", "ALICE@ACME.TEST", "Alice@Acme.Test.", "bob+tag@acme.test"})
    void accepts_the_orgs_domain_in_any_case(String email) {
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge(email, ACME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ceo@competitor.test", "alice@acme.test.evil.test", "alice@evilacme.test", "alice@acme.testx",
            "alice@аcme.test", "alice@xn--cme-8cd.test", "alice@acme.tes"})
    void refuses_other_domains_lookalikes_and_homographs(String email) {
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge(email, ACME));
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-at-sign", "two@at@acme.test", "@acme.test", "alice@", "alice@-bad-.test", "alice@1.2.3.4"})
    void refuses_malformed_addresses(String email) {
        assertEquals(Verdict.MALFORMED_EMAIL, EmailDomainPolicy.judge(email, ACME));
    }

    @Test
    void refuses_a_missing_email() {
        assertEquals(Verdict.NO_EMAIL, EmailDomainPolicy.judge(null, ACME));
        assertEquals(Verdict.NO_EMAIL, EmailDomainPolicy.judge("  ", ACME));
    }

    @Test
    void subdomains_only_when_the_org_allows_them() {
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("dev@eng.acme.test", ACME));
        Org lenient = org(true, false, new Org.OrgDomain("acme.test", false));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("dev@eng.acme.test", lenient));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("dev@a.b.acme.test", lenient));
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("dev@eng-acme.test", lenient));
    }

    @Test
    void only_verified_domains_when_the_org_requires_them() {
        Org strict = org(false, true, new Org.OrgDomain("acme.test", false), new Org.OrgDomain("acme.example", true));
        assertEquals(Verdict.DOMAIN_NOT_VERIFIED, EmailDomainPolicy.judge("alice@acme.test", strict));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("alice@acme.example", strict));
    }

    @Test
    void an_address_is_proven_only_through_a_verified_domain_whatever_the_orgs_policy() {
        Org lenient = org(false, false, new Org.OrgDomain("acme.test", false), new Org.OrgDomain("acme.example", true));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("alice@acme.test", lenient));
        assertFalse(EmailDomainPolicy.provenFor("alice@acme.test", lenient));
        assertTrue(EmailDomainPolicy.provenFor("Carol@ACME.example", lenient));
        assertFalse(EmailDomainPolicy.provenFor("carol@other.example", lenient));
        assertFalse(EmailDomainPolicy.provenFor(null, lenient));
        Org claimedBelow = withNested(org(true, false, new Org.OrgDomain("acme.example", true)), "eu.acme.example", false);
        assertFalse(EmailDomainPolicy.provenFor("a@eu.acme.example", claimedBelow), "a more specific claim of another org wins here too");
    }

    @Test
    void unicode_domains_match_their_punycode() {
        Org bucher = org(false, false, new Org.OrgDomain("xn--bcher-kva.example", false));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("anna@bücher.example", bucher));
    }

    @Test
    void a_wildcard_covers_its_base_and_every_subdomain_whatever_allow_subdomains_says() {
        Org wildcard = org(false, false, new Org.OrgDomain("*.acme.test", false));
        for (String email : List.of("a@acme.test", "a@eu.acme.test", "a@x.eu.ACME.test")) {
            assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge(email, wildcard), email);
        }
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@evilacme.test", wildcard));
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@acme.test.evil.test", wildcard));
    }

    @Test
    void an_unverified_wildcard_does_not_count_when_the_org_requires_verified_domains() {
        Org strict = org(false, true, new Org.OrgDomain("*.acme.test", false));
        assertEquals(Verdict.DOMAIN_NOT_VERIFIED, EmailDomainPolicy.judge("a@eu.acme.test", strict));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.*.acme.test", "under_score.test", "*", "", "acme..test", "eu.*.acme.test"})
    void a_stored_domain_the_rule_cannot_read_matches_nothing_and_never_throws(String stored) {
        Org odd = org(true, false, new Org.OrgDomain(stored, false), new Org.OrgDomain("acme.test", false));
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@score.test", odd));
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@acme.test.evil", odd));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("a@acme.test", odd), "the readable domains still work");
    }

    @Test
    void a_more_specific_domain_of_another_org_takes_its_addresses_away() {
        Org parent = withNested(org(true, false, new Org.OrgDomain("acme.test", false)), "eu.acme.test", false);
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@eu.acme.test", parent));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("a@x.eu.acme.test", parent), "eu.acme.test's owner does not allow subdomains");
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("a@us.acme.test", parent));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("a@acme.test", parent));

        Org parentOfWildcard = withNested(org(false, false, new Org.OrgDomain("*.acme.test", false)), "eu.acme.test", true);
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@x.eu.acme.test", parentOfWildcard));
    }

    @Test
    void the_most_specific_claim_keeps_its_addresses_against_a_broader_one() {
        Org child = withNested(org(false, false, new Org.OrgDomain("eu.acme.test", false)), "acme.test", true);
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("a@eu.acme.test", child));
    }

    @Test
    void the_same_name_claimed_by_two_orgs_belongs_to_neither() {
        Org wildcard = withNested(org(false, false, new Org.OrgDomain("*.acme.test", false)), "acme.test", true);
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@acme.test", wildcard));
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@eu.acme.test", wildcard));
        Org plain = withNested(org(false, false, new Org.OrgDomain("acme.test", false)), "*.acme.test", false);
        assertEquals(Verdict.DOMAIN_NOT_ALLOWED, EmailDomainPolicy.judge("a@acme.test", plain));
    }

    private static Org withNested(Org org, String otherDomain, boolean otherAllowsSubdomains) {
        return new Org(org.id(), org.name(), org.alias(), org.domains(), org.externalId(), org.attributes(), org.policies(),
                List.of(Domain.parse(otherDomain).reach(otherAllowsSubdomains)));
    }
}
