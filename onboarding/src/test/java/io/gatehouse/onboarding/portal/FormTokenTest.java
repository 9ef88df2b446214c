package io.gatehouse.onboarding.portal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FormTokenTest {

    @Test
    void a_form_posts_with_the_token_of_its_own_cookie() {
        assertTrue(FormToken.matches("open", "ghstart_a", FormToken.of("open", "ghstart_a")));
    }

    @Test
    void refuses_a_post_without_the_cookie_as_a_cross_site_form_sends_it() {
        assertFalse(FormToken.matches("open", null, FormToken.of("open", "ghstart_a")));
    }

    @Test
    void refuses_a_post_without_a_token() {
        assertFalse(FormToken.matches("open", "ghstart_a", null));
        assertFalse(FormToken.matches("open", "ghstart_a", ""));
    }

    @Test
    void refuses_the_token_of_another_browsers_page() {
        assertFalse(FormToken.matches("open", "ghstart_victim", FormToken.of("open", "ghstart_attacker")));
    }

    @Test
    void a_token_for_one_form_does_not_post_another() {
        assertNotEquals(FormToken.of("open", "c"), FormToken.of("csrf", "c"));
        assertFalse(FormToken.matches("csrf", "c", FormToken.of("open", "c")));
    }

    @Test
    void the_token_does_not_reveal_the_cookie() {
        assertFalse(FormToken.of("open", "ghstart_secret").contains("ghstart_secret"));
    }
}
