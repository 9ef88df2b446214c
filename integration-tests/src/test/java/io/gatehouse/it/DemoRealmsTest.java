package io.gatehouse.it;

import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.FirstBrokerLoginFlow;
import io.gatehouse.it.support.GatehouseServerConfig;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's demo, on the demo realms exactly as scripts/demo.sh imports them. */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class DemoRealmsTest {

    private static final String REDIRECT = "http://localhost:3000/callback";
    private static final String VERIFIER = "demo-code-verifier-that-is-long-enough-for-pkce-0123456789";

    @InjectRealm(ref = "demo", fromJson = "/realm-templates/demo/demo-realm.json")
    ManagedRealm demo;

    @InjectRealm(ref = "customer-idp", fromJson = "/realm-templates/demo/customer-idp-realm.json")
    ManagedRealm customerIdp;

    @Test
    void alice_signs_in_with_sso_by_typing_her_work_email() {
        BrowserlessUser browser = new BrowserlessUser(REDIRECT);
        Page idp = browser.submit(browser.open(authUrl()), Map.of("identifier", "alice@acme.test"));
        assertTrue(idp.uri().toString().contains("/realms/customer-idp/"), idp.uri().toString());

        assertTrue(browser.signIn(idp, "alice", "password").reachedApp(REDIRECT));
        assertEquals(1, demo.admin().users().searchByEmail("alice@acme.test", true).size());
    }

    @Test
    void mallory_picks_acme_by_name_and_is_refused() {
        BrowserlessUser browser = new BrowserlessUser(REDIRECT);
        Page idp = browser.submit(browser.open(authUrl()), Map.of("identifier", "acme"));

        Page answer = browser.signIn(idp, "mallory", "password");

        assertEquals(403, answer.status(), answer.body());
        assertTrue(answer.body().contains("not allowed for this organization"));
        assertEquals(0, demo.admin().users().searchByEmail("mallory@evil.test", true).size());
    }

    @Test
    void the_demo_links_an_account_acme_provisioned_before_keycloak_asks() {
        FirstBrokerLoginFlow.assertLinksProvisionedAccountsBeforeAsking(demo.admin());
    }

    private static String authUrl() {
        return "http://localhost:8080/realms/demo/protocol/openid-connect/auth?client_id=demo-app&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8)
                + "&code_challenge_method=S256&code_challenge=" + challenge() + "&kc_idp_hint=sso";
    }

    private static String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
