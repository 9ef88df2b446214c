package io.gatehouse.org;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegionsTest {

    private static final Regions TWO = Regions.parse(new String[] {"us-west-2=West US 2|https://usw2.example.com", " eu-1 = Europe|https://eu.example.com/app "});

    @Test
    void entries_are_read_in_the_operators_order_with_their_names_and_urls() {
        assertEquals(List.of(new Region("us-west-2", "West US 2", "https://usw2.example.com"), new Region("eu-1", "Europe", "https://eu.example.com/app")),
                TWO.list());
        assertTrue(TWO.configured());
    }

    @Test
    void no_option_or_blank_entries_mean_no_regions() {
        assertSame(Regions.NONE, Regions.parse(null));
        assertFalse(Regions.parse(new String[] {"", " "}).configured());
    }

    @Test
    void a_wrong_entry_stops_the_start_naming_the_option_and_the_entry() {
        for (String wrong : List.of("us-west-2", "us-west-2=West US 2", "=West|https://a.example.com", "us west=West|https://a.example.com",
                "us=|https://a.example.com", "us=US|ftp://a.example.com", "us=US|usw2.example.com", "us=US|https://user@a.example.com",
                "us=US|https://")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Regions.parse(new String[] {wrong}), wrong);
            assertTrue(e.getMessage().startsWith("--spi-gatehouse-organizations--default--regions: '" + wrong + "' is not a region"), e.getMessage());
        }
    }

    @Test
    void an_id_listed_twice_stops_the_start() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Regions.parse(new String[] {"us=US|https://a.example.com", "us=Other|https://b.example.com"}));
        assertTrue(e.getMessage().contains("listed twice"), e.getMessage());
    }

    @Test
    void a_display_name_may_hold_the_separators_of_an_entry() {
        assertEquals(new Region("local", "Local = dev | laptop", "http://localhost"),
                Regions.parse(new String[] {"local=Local = dev | laptop|http://localhost"}).list().get(0));
    }

    @Test
    void the_backend_url_follows_from_the_region() {
        Map<String, List<String>> placed = TWO.place(Map.of("region", List.of("eu-1"), "team", List.of("blue")));
        assertEquals(Map.of("region", List.of("eu-1"), "backendUrl", List.of("https://eu.example.com/app"), "team", List.of("blue")), placed);
        assertEquals(placed, TWO.place(Map.of("region", List.of("eu-1"), "backendUrl", List.of("https://eu.example.com/app"), "team", List.of("blue"))));
    }

    @Test
    void an_unknown_region_is_refused_naming_the_valid_ones() {
        for (List<String> region : List.<List<String>>of(List.of("us-west-1"), List.of("EU-1"), List.of("eu-1", "us-west-2"), List.of())) {
            OrgRequestException e = assertThrows(OrgRequestException.class, () -> TWO.place(Map.of("region", region)));
            assertEquals("unknown_region", e.code());
            assertTrue(e.getMessage().contains("us-west-2, eu-1"), e.getMessage());
        }
    }

    @Test
    void a_backend_url_that_disagrees_with_the_region_or_comes_without_one_is_refused() {
        OrgRequestException mismatch = assertThrows(OrgRequestException.class,
                () -> TWO.place(Map.of("region", List.of("eu-1"), "backendUrl", List.of("https://usw2.example.com"))));
        assertEquals("backend_url_mismatch", mismatch.code());
        assertTrue(mismatch.getMessage().contains("https://eu.example.com/app"), mismatch.getMessage());
        assertEquals("backend_url_without_region",
                assertThrows(OrgRequestException.class, () -> TWO.place(Map.of("backendUrl", List.of("https://evil.example.com")))).code());
    }

    @Test
    void without_regions_both_stay_free_text() {
        Map<String, List<String>> free = Map.of("region", List.of("mars-1"), "backendUrl", List.of("https://anything.example"));
        assertSame(free, Regions.NONE.place(free));
    }

    @Test
    void attributes_without_region_pass_unchanged() {
        Map<String, List<String>> other = Map.of("team", List.of("blue"));
        assertSame(other, TWO.place(other));
    }
}
