package io.gatehouse.scim.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DerivedUsernamesTest {

    private static final byte[] KEY = "k".repeat(43).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_KEY = "q".repeat(43).getBytes(StandardCharsets.US_ASCII);
    private static final String ORG = "5b0e6a3c-0c1e-4f5b-9b51-2f7ac1d5e001";
    private static final String OTHER_ORG = "5b0e6a3c-0c1e-4f5b-9b51-2f7ac1d5e002";

    @Test
    void the_same_user_name_in_the_same_organization_always_gives_the_same_name() {
        assertEquals(DerivedUsernames.derive(KEY, ORG, "#John Do`e\u00a5"), DerivedUsernames.derive(KEY, ORG, "#John Do`e\u00a5"));
    }

    @Test
    void user_names_that_differ_only_in_case_or_unicode_normalization_give_the_same_name() {
        String composed = DerivedUsernames.derive(KEY, ORG, "Zo\u00eb");
        assertEquals(composed, DerivedUsernames.derive(KEY, ORG, "ZOE\u0308"), "NFD and upper case are the same userName");
        assertEquals(composed, DerivedUsernames.derive(KEY, ORG, "zo\u00eb"));
    }

    @Test
    void the_same_user_name_in_another_organization_or_with_another_key_gives_another_name() {
        String name = DerivedUsernames.derive(KEY, ORG, "jdoe");
        assertNotEquals(name, DerivedUsernames.derive(KEY, OTHER_ORG, "jdoe"), "another organization");
        assertNotEquals(name, DerivedUsernames.derive(OTHER_KEY, ORG, "jdoe"), "another key: unpredictable without it");
    }

    @Test
    void the_organization_and_the_user_name_cannot_be_shifted_into_each_other() {
        assertNotEquals(DerivedUsernames.derive(KEY, "ab", "c"), DerivedUsernames.derive(KEY, "a", "bc"));
    }

    @Test
    void a_derived_name_is_a_prefix_and_160_bits_of_lower_case_base32_never_an_email() {
        Set<String> seen = new HashSet<>();
        for (String userName : new String[]{"#John Do`e\u00a5", "ada@acme.test", "\u00e9l\u00e8ve", "a", " ", "\ud83d\ude00"}) {
            String name = DerivedUsernames.derive(KEY, ORG, userName);
            assertTrue(name.matches("scim-[a-z2-7]{32}"), name);
            assertTrue(DerivedUsernames.looksDerived(name), name);
            assertFalse(name.contains("@"), name);
            assertTrue(seen.add(name), "distinct: " + userName);
        }
    }

    @Test
    void only_the_derived_form_looks_derived() {
        assertFalse(DerivedUsernames.looksDerived("scim-" + "a".repeat(31)));
        assertFalse(DerivedUsernames.looksDerived("scim-" + "a".repeat(31) + "1"));
        assertFalse(DerivedUsernames.looksDerived("scom-" + "a".repeat(32)));
        assertFalse(DerivedUsernames.looksDerived("scim-" + "a".repeat(31) + "@"));
    }

    @Test
    void canonical_form_is_nfc_lower_case() {
        assertEquals("zo\u00eb", DerivedUsernames.canonical("ZOE\u0308"));
        assertEquals("#john do`e\u00a5", DerivedUsernames.canonical("#John Do`e\u00a5"));
    }
}
