package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
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
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "Sign in with SSO": the person types a work email or their organization's name and lands at its IdP. */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class SsoDiscoveryTest {

    private static final String GENERIC_MISS = "We could not find single sign-on for that.";

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String domain;
    String alias;
    String orgId;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "disco-" + OrgApiTest.unique() + ".test";
        alias = "disco-" + OrgApiTest.unique();
        ApiResponse org = api.createOrg(json(Map.of("name", "Disco " + domain, "alias", alias, "domains", List.of(domain))));
        assertEquals(201, org.status(), org.toString());
        orgId = org.body().get("id").asText();
        connect("oidc");
    }

    @Test
    void the_login_page_offers_sign_in_with_sso() {
        Page login = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(null));
        assertTrue(login.body().contains("Sign in with SSO"), login.body());
        assertTrue(login.body().contains("/broker/" + SsoRealm.DISCOVERY + "/login"), login.body());
    }

    @Test
    void a_work_email_leads_to_the_orgs_idp_with_the_email_as_login_hint_and_signs_in() {
        String email = "alice@" + domain;
        String username = idpUser(email);
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);

        Page idpLogin = browser.submit(browser.open(authUrl(SsoRealm.DISCOVERY)), Map.of("identifier", email));

        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri().toString());
        assertTrue(idpLogin.body().contains("value=\"" + email + "\""), "the email is passed on as login_hint");
        assertTrue(browser.signIn(idpLogin, username, "password").reachedApp(SsoRealm.APP_REDIRECT));
    }

    @Test
    void the_organization_alias_or_name_leads_to_its_idp_too() {
        for (String typed : List.of(alias, "Disco " + domain, alias.toUpperCase())) {
            BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
            Page page = browser.submit(browser.open(authUrl(SsoRealm.DISCOVERY)), Map.of("identifier", typed));
            assertTrue(page.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), typed + " -> " + page.uri());
        }
    }

    @Test
    void an_unknown_domain_and_an_unknown_org_get_the_same_generic_answer() {
        Page unknownDomain = discover("someone@nowhere-" + OrgApiTest.unique() + ".test");
        Page unknownOrg = discover("No Such Org " + OrgApiTest.unique());
        Page garbage = discover("<script>alert(1)</script>@@");

        for (Page page : List.of(unknownDomain, unknownOrg, garbage)) {
            assertEquals(200, page.status());
            assertTrue(page.body().contains(GENERIC_MISS), page.body());
            assertFalse(page.body().contains("<script>alert(1)</script>"), "what was typed is escaped");
        }
    }

    @Test
    void a_forged_or_missing_state_gets_a_themed_error_not_a_500() throws Exception {
        String endpoint = urls.getBase() + "/realms/" + SsoRealm.NAME + "/broker/" + SsoRealm.DISCOVERY + "/endpoint";
        for (String form : List.of("identifier=alice%40" + domain, "state=forged.tab.client&identifier=x", "state=&identifier=")) {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(endpoint))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(response.statusCode() >= 400 && response.statusCode() < 500, form + " -> " + response.statusCode());
            assertFalse(response.body().contains("Exception"), response.body());
        }
    }

    @Test
    void an_org_with_several_connections_lets_the_person_choose() {
        connect("saml");
        Page page = discover("bob@" + domain);
        assertEquals(200, page.status());
        assertTrue(page.body().contains("gatehouse-sso-choices"), page.body());
        assertEquals(2, page.body().split("/broker/").length - 1, page.body());
    }

    private Page discover(String typed) {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        return browser.submit(browser.open(authUrl(SsoRealm.DISCOVERY)), Map.of("identifier", typed));
    }

    private void connect(String protocol) {
        Map<String, Object> body = protocol.equals("oidc")
                ? Map.of("type", "oidc", "discoveryUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET)
                : Map.of("type", "saml", "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor");
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(body));
        assertEquals(201, created.status(), created.toString());
        // Discovery offers only active connections: a new one is a draft until a test login passes.
        ConnectionActivation.activate(api, customer.admin(), orgId, created.body().get("id").asText(), domain);
    }

    private String authUrl(String idpHint) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + (idpHint == null ? "" : "&kc_idp_hint=" + idpHint);
    }

    private String idpUser(String email) {
        String username = "u-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), username, email, true, "password");
        return username;
    }
}
