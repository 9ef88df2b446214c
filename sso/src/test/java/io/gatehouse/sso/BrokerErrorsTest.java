package io.gatehouse.sso;

import org.junit.jupiter.api.Test;
import org.keycloak.events.Errors;
import org.keycloak.models.IdentityProviderModel;

import java.time.Duration;
import java.util.HashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the customer's IT admin reads for a refused OIDC answer, from the line Keycloak's broker
 * logged. The IdP writes parts of that line, so hostile lines must end quickly (the timeout is a
 * hang guard, not a speed test) in the general reason, and unknown text is never shown.
 */
class BrokerErrorsTest {

    private static final String EXPECTED = "https://expected.example";
    private static final String GENERAL = "The IdP's answer could not be validated. The server log names the check it failed.";
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    @Test
    void names_both_issuers_of_a_wrong_issuer() {
        String why = explain("Wrong issuer from token. Got: https://idp.example/okta expected: " + EXPECTED);

        assertEquals("Wrong issuer: the IdP's ID token comes from https://idp.example/okta, but this connection expects " + EXPECTED
                + ". Connect again with the IdP's current discovery URL.", why);
    }

    @Test
    void does_not_show_an_issuer_that_is_not_plain_visible_text() {
        String why = explain("Wrong issuer from token. Got: <script>alert(1)</script> and more expected: " + EXPECTED);

        assertTrue(why.startsWith("Wrong issuer: the IdP's ID token comes from another issuer, but this connection expects " + EXPECTED), why);
        assertFalse(why.contains("script"), why);
    }

    @Test
    void a_wrong_issuer_line_that_does_not_end_with_the_connections_issuer_gets_the_general_reason() {
        assertEquals(GENERAL, explain("Wrong issuer from token. Got: https://idp.example expected: https://someone-else.example"));
    }

    @Test
    void a_one_megabyte_wrong_issuer_line_gets_the_general_reason() {
        String hostile = "Wrong issuer from token. Got: " + "x".repeat(1 << 20) + " expected: " + EXPECTED;

        assertEquals(GENERAL, assertTimeoutPreemptively(HANG_GUARD, () -> explain(hostile)));
    }

    @Test
    void a_line_built_to_make_a_regex_backtrack_gets_the_general_reason() {
        String issuerBacktracking = "Wrong issuer from token. Got: " + " expected: ".repeat(180) + "!";
        String statusBacktracking = "Unexpected response from token endpoint " + "status=. status=x".repeat(1 << 16);

        assertEquals(GENERAL, assertTimeoutPreemptively(HANG_GUARD, () -> explain(issuerBacktracking)));
        assertEquals(GENERAL, assertTimeoutPreemptively(HANG_GUARD, () -> explain(statusBacktracking)));
    }

    @Test
    void a_token_endpoint_refusing_the_client_names_the_client_secret_even_behind_a_huge_answer() {
        String line = "Unexpected response from token endpoint https://idp.example/token. status=400, response={\"error\":\"invalid_client\"}"
                + " ".repeat(1 << 20);

        String why = assertTimeoutPreemptively(HANG_GUARD, () -> explain(line));

        assertTrue(why.startsWith("The IdP refused this connection's client ID or client secret."), why);
    }

    @Test
    void a_token_endpoint_error_names_its_http_status_and_not_its_answer() {
        String why = explain("Unexpected response from token endpoint https://idp.example/token. status=503, response=<html>down for maintenance</html>");

        assertEquals("The IdP's token endpoint refused to issue tokens (HTTP 503). The server log has its answer.", why);
    }

    @Test
    void a_token_endpoint_line_without_a_status_gets_the_general_reason() {
        assertEquals(GENERAL, explain("Unexpected response from token endpoint https://idp.example/token. status=abc, response=x"));
    }

    @Test
    void an_unknown_line_is_never_shown() {
        String why = explain("Something the IdP said: <b>call 555-0100</b>");

        assertEquals(GENERAL, why);
    }

    private static String explain(String logged) {
        IdentityProviderModel idp = new IdentityProviderModel();
        idp.setAlias("acme-oidc");
        idp.setProviderId("oidc");
        idp.setConfig(new HashMap<>());
        idp.getConfig().put("issuer", EXPECTED);
        idp.getConfig().put("clientId", "gatehouse-app");
        return new BrokerErrors(null).explain(idp, Errors.IDENTITY_PROVIDER_LOGIN_FAILURE, null, logged);
    }
}
