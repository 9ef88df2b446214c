package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Okta, Entra ID and Google Workspace really put in their ID tokens, played by
 * mock-oauth2-server: Entra may send no email but a upn, Google sends hd and email_verified.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class IdpShapesTest {

    private static final String CLIENT_ID = "gatehouse-app";
    private static MockOAuth2Server idp;

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String domain;

    @BeforeAll
    static void startIdp() {
        idp = new MockOAuth2Server();
        idp.start();
    }

    @AfterAll
    static void stopIdp() {
        idp.shutdown();
    }

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "shape-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Shape " + domain, domain);
    }

    @Test
    void okta_user_in_the_domain_signs_in() {
        String connection = connect("okta", false);
        assertTrue(login(connection, claims("email", "ann@" + domain, "email_verified", true)).reachedApp(SsoRealm.APP_REDIRECT));
    }

    @Test
    void entra_user_without_email_signs_in_by_upn_when_the_connection_says_so() {
        String lenient = connect("entra", true);
        Page page = login(lenient, claims("upn", "ben@" + domain, "preferred_username", "ben@" + domain, "tid", "tenant-1"));
        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), page.body());
        assertEquals(1, sso.admin().users().searchByEmail("ben@" + domain, true).size());
    }

    @Test
    void entra_user_without_email_is_refused_when_the_connection_does_not_allow_upn() {
        String strict = connect("entra", false);
        Page page = login(strict, claims("upn", "cat@" + domain, "tid", "tenant-1"));
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("did not send a usable email address"));
    }

    @Test
    void entra_upn_outside_the_domain_is_refused() {
        String lenient = connect("entra", true);
        Page page = login(lenient, claims("upn", "dan@contoso-" + OrgApiTest.unique() + ".test", "tid", "tenant-1"));
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("not allowed for this organization"));
    }

    @Test
    void google_user_with_matching_hd_signs_in() {
        String connection = connect("google", false);
        Page page = login(connection, claims("email", "eve@" + domain, "email_verified", true, "hd", domain));
        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), page.body());
    }

    @Test
    void google_hd_that_differs_from_the_email_domain_is_refused() {
        String connection = connect("google", false);
        Page page = login(connection, claims("email", "fay@" + domain, "email_verified", true, "hd", "other-" + domain));
        assertEquals(403, page.status(), page.body());
        assertEquals(0, sso.admin().users().searchByEmail("fay@" + domain, true).size());
    }

    @Test
    void google_email_verified_false_is_refused() {
        String connection = connect("google", false);
        Page page = login(connection, claims("email", "gus@" + domain, "email_verified", false, "hd", domain));
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("not verified"));
        assertEquals(0, sso.admin().users().searchByEmail("gus@" + domain, true).size());
    }

    private String connect(String issuer, boolean emailFromUpn) {
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", idp.wellKnownUrl(issuer).toString(), "clientId", CLIENT_ID, "clientSecret", "secret",
                "emailFromUpnOrPreferredUsername", emailFromUpn)));
        assertEquals(201, created.status(), created.toString());
        String alias = created.body().get("id").asText();
        // A new connection is a draft until a test login through it passes, as the customer's IT admin runs it.
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, "sub-" + OrgApiTest.unique(), "JWT", List.of(CLIENT_ID),
                claims("email", "it-admin@" + domain, "email_verified", true), 3600));
        ConnectionActivation.activate(api, orgId, alias, new BrowserlessUser("http://stop.invalid/"), page -> page);
        return alias + "|" + issuer;
    }

    private Page login(String connectionAndIssuer, Map<String, Object> claims) {
        String[] parts = connectionAndIssuer.split("\\|");
        idp.enqueueCallback(new DefaultOAuth2TokenCallback(parts[1], "sub-" + OrgApiTest.unique(), "JWT", List.of(CLIENT_ID), claims, 3600));
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        return browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + "&kc_idp_hint=" + parts[0]);
    }

    private static Map<String, Object> claims(Object... keyValues) {
        Map<String, Object> claims = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            claims.put((String) keyValues[i], keyValues[i + 1]);
        }
        claims.putIfAbsent("given_name", "Test");
        claims.putIfAbsent("family_name", "User");
        return claims;
    }
}
