package io.gatehouse.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrgDomainRulesTest {

    private final OrgDomainRules rules = new OrgDomainRules(PublicMailboxDomains.builtInPlus(List.of("mail.example-isp.test")));

    @Test
    void lower_cases_and_drops_trailing_dot() {
        assertEquals("acme.test", rules.accept("  ACME.Test. ", false).value());
    }

    @Test
    void turns_unicode_into_punycode() {
        assertEquals("xn--bcher-kva.example", rules.accept("Bücher.example", false).value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad-.com", "acme..com", "localhost", "1.2.3.4", "", " ", "a b.com", "acme.com/x",
            "under_score.com", ".acme.com", "acme.-com"})
    void rejects_what_is_not_a_hostname(String raw) {
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> rules.accept(raw, false));
        assertTrue(e.getMessage().length() > 10, e.getMessage());
    }

    @Test
    void rejects_overlong_domain() {
        String raw = String.join(".", "a".repeat(60), "b".repeat(60), "c".repeat(60), "d".repeat(60), "e".repeat(60), "com");
        assertThrows(InvalidDomainException.class, () -> rules.accept(raw, false));
    }

    @Test
    void rejects_label_longer_than_63() {
        assertThrows(InvalidDomainException.class, () -> rules.accept("a".repeat(64) + ".com", false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gmail.com", "GMail.com.", "outlook.com", "yahoo.com", "mail.example-isp.test"})
    void rejects_public_mailbox_domains_unless_allowed(String raw) {
        InvalidDomainException e = assertThrows(InvalidDomainException.class, () -> rules.accept(raw, false));
        assertTrue(e.getMessage().contains("public mailbox"), e.getMessage());
        assertEquals(Domain.parse(raw), rules.accept(raw, true));
    }
}
