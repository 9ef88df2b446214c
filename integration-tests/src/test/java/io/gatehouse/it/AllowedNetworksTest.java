package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BoundHttp;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code policies.allowedNetworks} on the production template, from two real source addresses:
 * 127.0.0.1 and 127.0.0.2 (requests written on sockets bound to each, so Keycloak's own client
 * address is the one tested). Password logins (direct grant and the browser form), SSO logins
 * through a second realm, token refresh, and the break-glass exemption; allowed and refused from
 * each address by switching the org's list.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class AllowedNetworksTest {

    private static final InetAddress FIRST = BoundHttp.address("127.0.0.1");
    private static final InetAddress SECOND = BoundHttp.SECOND_LOOPBACK;
    private static final String PASSWORD = "a-long-enough-password-42";
    private static final String PAGE_SENTENCE = "does not allow sign-in from this network";
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(ref = "sso", fromJson = "/realm-templates/gatehouse-realm.json", config = TemplateWithApp.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    BrokeredLogins logins;
    String domain;
    String orgId;

    @BeforeEach
    void onboard() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        domain = "net-" + OrgApiTest.unique() + ".test";
        ApiResponse created = api.createOrg(json(Map.of("name", "Net " + domain, "domains", List.of(domain),
                "policies", Map.of("mfaForNonSsoUsers", false, "allowedNetworks", List.of("127.0.0.1/32")))));
        assertEquals(201, created.status(), created.toString());
        orgId = created.body().get("id").asText();
        assertEquals("[\"127.0.0.1/32\"]", created.body().get("policies").get("allowedNetworks").toString());
    }

    @Test
    void the_server_sees_each_loopback_address_as_the_client_address() {
        String outsider = localUser("outsider", "outsider@elsewhere-" + OrgApiTest.unique() + ".test", false);
        for (InetAddress from : List.of(FIRST, SECOND)) {
            assertEquals(200, directGrant(from, outsider).status());
            EventRepresentation login = sso.admin().getEvents(List.of("LOGIN"), null, userId(outsider), null, null, null, 0, 1).get(0);
            assertEquals(from.getHostAddress(), login.getIpAddress());
        }
    }

    @Test
    void a_password_login_passes_only_from_the_orgs_networks_direct_grant() throws IOException {
        String member = localUser("dg", "dg@" + domain, true);

        assertEquals(200, directGrant(FIRST, member).status());
        assertRefusedGrant(directGrant(SECOND, member));
        assertRefusalEvent(member, SECOND);

        allow("127.0.0.2/32");
        assertEquals(200, directGrant(SECOND, member).status());
        assertRefusedGrant(directGrant(FIRST, member));
        assertRefusalEvent(member, FIRST);
    }

    @Test
    void a_forwarding_header_sent_by_the_client_changes_nothing() throws IOException {
        String member = localUser("xff", "xff@" + domain, true);
        Map<String, String> spoofs = Map.of("X-Forwarded-For", "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Real-IP", "127.0.0.1");
        for (Map.Entry<String, String> spoof : spoofs.entrySet()) {
            assertRefusedGrant(directGrant(SECOND, member, Map.of(spoof.getKey(), spoof.getValue())));
            assertRefusalEvent(member, SECOND);
        }
    }

    @Test
    void a_password_login_passes_only_from_the_orgs_networks_browser() {
        String member = localUser("form", "form@" + domain, true);

        assertTrue(browserLogin(FIRST, member).reachedApp(SsoRealm.APP_REDIRECT));
        assertRefusedPage(browserLogin(SECOND, member));
        assertRefusalEvent(member, SECOND);

        allow("127.0.0.2/32");
        assertTrue(browserLogin(SECOND, member).reachedApp(SsoRealm.APP_REDIRECT));
        assertRefusedPage(browserLogin(FIRST, member));
    }

    @Test
    void an_sso_session_cookie_does_not_carry_a_sign_in_past_the_networks() {
        String member = localUser("cookie", "cookie@" + domain, true);
        allow("127.0.0.1/32", "127.0.0.2/32");
        BrowserlessUser browser = BrowserlessUser.from(SECOND, SsoRealm.APP_REDIRECT);
        assertTrue(browser.signIn(browser.open(authUrl()), member, PASSWORD).reachedApp(SsoRealm.APP_REDIRECT));

        allow("127.0.0.1/32");

        assertRefusedPage(browser.open(authUrl()));
    }

    @Test
    void people_outside_restricted_orgs_sign_in_from_anywhere() {
        String outsider = localUser("free", "free@elsewhere-" + OrgApiTest.unique() + ".test", false);
        assertEquals(200, directGrant(SECOND, outsider).status());
        assertTrue(browserLogin(SECOND, outsider).reachedApp(SsoRealm.APP_REDIRECT));
    }

    @Test
    void an_sso_login_passes_only_from_the_orgs_networks() {
        String connection = logins.connect(orgId, "oidc");
        String first = logins.idpUser("sso-a@" + domain);
        String second = logins.idpUser("sso-b@" + domain);

        BrokeredLogins.assertSignedIn(ssoLogin(FIRST, connection, first));
        assertRefusedPage(ssoLogin(SECOND, connection, second));
        logins.assertNoSpUser("sso-b@" + domain);
        assertRefusedPage(ssoLogin(SECOND, connection, first));
        EventRepresentation event = sso.admin().getEvents(null, null, userId(first), null, null, null, 0, 1).get(0);
        assertEquals("gatehouse_network_not_allowed", event.getError(), event.getType() + " " + event.getDetails());
        assertEquals(SECOND.getHostAddress(), event.getIpAddress());

        allow("127.0.0.2/32");
        BrokeredLogins.assertSignedIn(ssoLogin(SECOND, connection, second));
        BrokeredLogins.assertSignedIn(ssoLogin(SECOND, connection, first));
        assertRefusedPage(ssoLogin(FIRST, connection, first));
    }

    @Test
    void a_public_clients_refresh_passes_only_from_the_orgs_networks() throws IOException {
        String member = localUser("refresh", "refresh@" + domain, true);
        String refreshToken = JSON.readTree(directGrant(FIRST, member).body()).get("refresh_token").asText();

        BoundHttp.Answer fromFirst = refresh(FIRST, refreshToken);
        assertEquals(200, fromFirst.status(), fromFirst.body());
        refreshToken = JSON.readTree(fromFirst.body()).get("refresh_token").asText();
        assertRefusedGrant(refresh(SECOND, refreshToken));
        assertEquals(200, refresh(FIRST, refreshToken).status(), "a refused refresh does not end the session");
    }

    @Test
    void a_session_begun_outside_a_tightened_list_can_no_longer_refresh() throws IOException {
        String member = localUser("tighten", "tighten@" + domain, true);
        allow("127.0.0.1/32", "127.0.0.2/32");
        String refreshToken = JSON.readTree(directGrant(SECOND, member).body()).get("refresh_token").asText();

        allow("127.0.0.1/32");

        assertRefusedGrant(refresh(FIRST, refreshToken));
    }

    @Test
    void break_glass_accounts_follow_the_networks_unless_the_org_exempts_them() throws IOException {
        String breakGlass = localUser("bg", "bg@" + domain, true);
        String member = localUser("plain", "plain@" + domain, true);
        sso.admin().users().get(userId(breakGlass)).roles().realmLevel()
                .add(List.of(sso.admin().roles().get("gatehouse-break-glass").toRepresentation()));

        assertRefusedGrant(directGrant(SECOND, breakGlass));
        assertEquals(200, directGrant(FIRST, breakGlass).status());

        ApiResponse exempted = api.put("/orgs/" + orgId, json(Map.of("policies", Map.of("allowedNetworksExemptBreakGlass", true))));
        assertEquals(200, exempted.status(), exempted.toString());
        assertEquals("[\"127.0.0.1/32\"]", exempted.body().get("policies").get("allowedNetworks").toString(), "the list stays");

        assertEquals(200, directGrant(SECOND, breakGlass).status());
        assertTrue(browserLogin(SECOND, breakGlass).reachedApp(SsoRealm.APP_REDIRECT));
        assertRefusedGrant(directGrant(SECOND, member));
    }

    @Test
    void bad_network_text_is_refused_naming_the_entry() {
        for (String bad : List.of("10.0.0/8", "10.0.0.0/33", "intranet.example.com", "fd00::/129")) {
            ApiResponse put = api.put("/orgs/" + orgId, json(Map.of("policies", Map.of("allowedNetworks", List.of("10.0.0.0/8", bad)))));
            assertEquals(400, put.status(), put.toString());
            assertEquals("invalid_policy", put.body().get("error").asText());
            assertTrue(put.body().get("message").asText().contains("'" + bad + "' is not a network range"), put.toString());

            ApiResponse post = api.createOrg(json(Map.of("name", "Bad " + OrgApiTest.unique(), "domains", List.of("bad-" + OrgApiTest.unique() + ".test"),
                    "policies", Map.of("allowedNetworks", List.of(bad)))));
            assertEquals(400, post.status(), post.toString());
        }
        assertEquals("[\"127.0.0.1/32\"]", api.get("/orgs/" + orgId).body().get("policies").get("allowedNetworks").toString());
    }

    private void allow(String... networks) {
        ApiResponse put = api.put("/orgs/" + orgId, json(Map.of("policies", Map.of("allowedNetworks", List.of(networks)))));
        assertEquals(200, put.status(), put.toString());
    }

    private String localUser(String name, String email, boolean member) {
        String username = name + "-" + OrgApiTest.unique();
        TestUsers.create(sso.admin(), username, email, true, PASSWORD);
        if (member) {
            sso.admin().organizations().get(orgId).members().addMember(userId(username)).close();
        }
        return username;
    }

    private String userId(String username) {
        return sso.admin().users().search(username, true).get(0).getId();
    }

    private BoundHttp.Answer directGrant(InetAddress from, String username) {
        return directGrant(from, username, Map.of());
    }

    private BoundHttp.Answer directGrant(InetAddress from, String username, Map<String, String> headers) {
        return new BoundHttp(from).postForm(tokenEndpoint(), headers, "grant_type=password&client_id=" + SsoRealm.APP
                + "&scope=openid&username=" + enc(username) + "&password=" + enc(PASSWORD));
    }

    private BoundHttp.Answer refresh(InetAddress from, String refreshToken) {
        return new BoundHttp(from).postForm(tokenEndpoint(), Map.of(), "grant_type=refresh_token&client_id=" + SsoRealm.APP
                + "&refresh_token=" + enc(refreshToken));
    }

    private Page browserLogin(InetAddress from, String username) {
        BrowserlessUser browser = BrowserlessUser.from(from, SsoRealm.APP_REDIRECT);
        return browser.signIn(browser.open(authUrl()), username, PASSWORD);
    }

    private Page ssoLogin(InetAddress from, String connection, String idpUsername) {
        BrowserlessUser browser = BrowserlessUser.from(from, SsoRealm.APP_REDIRECT);
        Page idpLogin = browser.open(authUrl() + "&kc_idp_hint=" + connection);
        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page afterIdp = browser.signIn(idpLogin, idpUsername, "password");
        return afterIdp.uri().getPath().endsWith("/first-broker-login") ? browser.completeProfile(afterIdp, "Test", "User") : afterIdp;
    }

    /** The refusal names neither the ranges nor the address. */
    private static void assertRefusedPage(Page page) {
        assertEquals(403, page.status(), page.uri() + "\n" + page.body());
        assertTrue(page.body().contains(PAGE_SENTENCE), page.body());
        assertFalse(page.body().contains("127.0.0."), page.body());
        assertFalse(page.body().contains("/32"), page.body());
    }

    private static void assertRefusedGrant(BoundHttp.Answer answer) throws IOException {
        assertEquals(400, answer.status(), answer.body());
        JsonNode error = JSON.readTree(answer.body());
        assertEquals("invalid_grant", error.get("error").asText());
        assertTrue(error.get("error_description").asText().contains(PAGE_SENTENCE), answer.body());
        assertFalse(answer.body().contains("127.0.0."), answer.body());
    }

    private void assertRefusalEvent(String username, InetAddress from) {
        List<EventRepresentation> events = sso.admin().getEvents(List.of("LOGIN_ERROR"), null, userId(username), null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "a login error event for " + username);
        EventRepresentation event = events.get(0);
        assertEquals("gatehouse_network_not_allowed", event.getError());
        assertEquals("network_not_allowed", event.getDetails().get("reason"), event.getDetails().toString());
        assertEquals(orgId, event.getDetails().get("org_id"));
        assertEquals(from.getHostAddress(), event.getIpAddress());
    }

    private URI tokenEndpoint() {
        return URI.create(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/token");
    }

    private String authUrl() {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + enc(SsoRealm.APP_REDIRECT);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The production template as realm "sso" (the customer realm's broker endpoints point there), with a public app that may use direct grants. */
    public static final class TemplateWithApp implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            ClientRepresentation app = new ClientRepresentation();
            app.setClientId(SsoRealm.APP);
            app.setPublicClient(true);
            app.setStandardFlowEnabled(true);
            app.setDirectAccessGrantsEnabled(true);
            app.setRedirectUris(List.of(SsoRealm.APP_REDIRECT));
            return realm.name(SsoRealm.NAME).verifyEmail(false).clients(app);
        }
    }
}
