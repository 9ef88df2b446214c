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

class EmailDomainPolicyTest {

    private static Org org(boolean allowSubdomains, boolean requireVerified, Org.OrgDomain... domains) {
        OrgPolicies policies = new OrgPolicies(false, true, false, "member", allowSubdomains, requireVerified, false);
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
    void unicode_domains_match_their_punycode() {
        Org bucher = org(false, false, new Org.OrgDomain("xn--bcher-kva.example", false));
        assertEquals(Verdict.ALLOWED, EmailDomainPolicy.judge("anna@bücher.example", bucher));
    }
}
