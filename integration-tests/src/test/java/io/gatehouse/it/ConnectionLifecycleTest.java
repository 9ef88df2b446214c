package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A connection's lifecycle: a new connection is a draft that only Test connection signs in through,
 * the first passing test activates it, and an admin can stop it and start it again.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ConnectionLifecycleTest {

    private static final String NOT_ACTIVE = "single sign-on connection is not switched on";
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
    BrokeredLogins logins;
    String orgId;
    String domain;
    String alias;

    @BeforeEach
    void onboard() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        domain = "life-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Life " + domain, domain);
        alias = logins.draft(orgId, "oidc");
    }

    @Test
    void a_new_connection_is_a_draft_never_tested() {
        JsonNode connection = ConnectionActivation.connection(api, orgId, alias);
        assertEquals("draft", connection.get("state").asText());
        assertTrue(connection.get("lastPassedTestAt").isNull(), connection.toString());
    }

    @Test
    void discovery_does_not_offer_a_draft() {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page page = browser.submit(browser.open(authUrl(SsoRealm.DISCOVERY)), Map.of("identifier", "alice@" + domain));
        assertFalse(page.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), page.uri().toString());
        assertTrue(page.body().contains(GENERIC_MISS), page.body());
    }

    @Test
    void a_kc_idp_hint_to_a_draft_is_refused_with_the_themed_page_and_an_event() {
        String email = "hint@" + domain;
        Page page = logins.login(alias, logins.idpUser(email));
        assertNotActiveRefusal(page);
        assertEquals("connection_draft", logins.lastRefusalReason());
        logins.assertNoSpUser(email);
    }

    @Test
    void activating_a_connection_that_was_never_tested_is_refused() {
        ApiResponse refused = api.put(statePath(), json(Map.of("state", "active")));
        assertEquals(409, refused.status(), refused.toString());
        assertEquals("connection_never_tested", refused.error());
        assertTrue(refused.message().contains("never tested"), refused.message());
        assertEquals("draft", ConnectionActivation.state(api, orgId, alias));
    }

    @Test
    void a_draft_cannot_be_stopped_and_no_other_state_can_be_asked_for() {
        ApiResponse stopped = api.put(statePath(), json(Map.of("state", "inactive")));
        assertEquals(409, stopped.status(), stopped.toString());
        assertEquals("connection_is_draft", stopped.error());
        for (String body : List.of(json(Map.of("state", "draft")), json(Map.of("state", "ACTIVE")), "{}", "not json")) {
            ApiResponse refused = api.put(statePath(), body);
            assertEquals(400, refused.status(), body + " -> " + refused);
        }
        assertEquals("draft", ConnectionActivation.state(api, orgId, alias));
    }

    @Test
    void the_first_passing_test_activates_the_connection_and_people_then_sign_in() {
        ConnectionActivation.activate(api, customer.admin(), orgId, alias, domain);

        JsonNode connection = ConnectionActivation.connection(api, orgId, alias);
        assertEquals("active", connection.get("state").asText());
        Instant tested = Instant.parse(connection.get("lastPassedTestAt").asText());
        assertTrue(tested.isAfter(Instant.now().minusSeconds(3600)), tested.toString());
        JsonNode activity = api.get("/orgs/" + orgId + "/activity").body();
        assertTrue(activity.toString().contains("connection.activated"), activity.toString());
        BrokeredLogins.assertSignedIn(logins.login(alias, logins.idpUser("first@" + domain)));
    }

    @Test
    void an_inactive_connection_refuses_logins_until_an_admin_starts_it_again() {
        ConnectionActivation.activate(api, customer.admin(), orgId, alias, domain);
        String username = logins.idpUser("stop@" + domain);

        ApiResponse stopped = api.put(statePath(), json(Map.of("state", "inactive")));
        assertEquals(200, stopped.status(), stopped.toString());
        assertEquals("inactive", stopped.body().get("state").asText());
        assertNotActiveRefusal(logins.login(alias, username));
        assertEquals("connection_inactive", logins.lastRefusalReason());
        logins.assertNoSpUser("stop@" + domain);
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page discovered = browser.submit(browser.open(authUrl(SsoRealm.DISCOVERY)), Map.of("identifier", "stop@" + domain));
        assertTrue(discovered.body().contains(GENERIC_MISS), "discovery does not offer a stopped connection: " + discovered.body());

        ApiResponse started = api.put(statePath(), json(Map.of("state", "active")));
        assertEquals(200, started.status(), started.toString());
        assertEquals("active", started.body().get("state").asText());
        BrokeredLogins.assertSignedIn(logins.login(alias, username));

        String activity = api.get("/orgs/" + orgId + "/activity").body().toString();
        assertTrue(activity.contains("connection.deactivated") && activity.contains("active → inactive"), activity);
        assertTrue(activity.contains("inactive → active") && activity.contains("\"actor\":\"master/"), "the admin is named: " + activity);
        List<AdminEventRepresentation> events = sso.admin().getAdminEvents();
        assertEquals(2, events.stream().filter(e -> "IDENTITY_PROVIDER".equals(e.getResourceType()) && "UPDATE".equals(e.getOperationType())
                && e.getResourcePath().endsWith("connections/" + alias + "/state")).count(), "an admin event for each change");
        JsonNode stream = api.get("/events?organizationId=" + orgId + "&types=connection.activated,connection.deactivated").body().get("events");
        assertEquals(List.of("connection.activated:active", "connection.deactivated:inactive", "connection.activated:active"),
                StreamSupport.stream(stream.spliterator(), false).map(e -> e.get("type").asText() + ":" + e.at("/data/state").asText()).toList(),
                "the app hears the first passing test, the stop and the start: " + stream);
    }

    @Test
    void a_passing_test_does_not_restart_a_stopped_connection() {
        ConnectionActivation.activate(api, customer.admin(), orgId, alias, domain);
        assertEquals(200, api.put(statePath(), json(Map.of("state", "inactive"))).status());
        String tester = logins.idpUser("retest@" + domain);
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        Page portal = ConnectionActivation.openPortal(api, orgId, itAdmin);
        itAdmin.signIn(itAdmin.submit(portal, Map.of("connection", alias)), tester, "password");
        String result = itAdmin.open(portal.uri().toString()).body();
        assertTrue(result.contains("data-outcome=\"passed\""), "Test connection still works on a stopped connection: " + result);
        assertEquals("inactive", ConnectionActivation.state(api, orgId, alias));
    }

    @Test
    void a_login_through_the_test_client_that_the_portal_did_not_start_does_not_activate_a_draft() {
        // A refused portal test (an email outside the domains) creates the test client and leaves the draft as it is.
        String outsider = logins.idpUser("out@elsewhere-" + OrgApiTest.unique() + ".test");
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        Page portal = ConnectionActivation.openPortal(api, orgId, itAdmin);
        itAdmin.signIn(itAdmin.submit(portal, Map.of("connection", alias)), outsider, "password");
        assertTrue(itAdmin.open(portal.uri().toString()).body().contains("data-outcome=\"refused\""));
        assertEquals("draft", ConnectionActivation.state(api, orgId, alias));

        // Anyone may run the test client's login with a state of their own and an account in the domain.
        BrowserlessUser stranger = new BrowserlessUser("http://stop.invalid/");
        Page idpLogin = stranger.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth"
                + "?client_id=gatehouse-connection-test&response_type=code&scope=openid&state=forged-" + OrgApiTest.unique()
                + "&redirect_uri=" + URLEncoder.encode(urls.getBase() + "/realms/" + SsoRealm.NAME + "/gatehouse-setup/portal/test-result",
                StandardCharsets.UTF_8) + "&kc_idp_hint=" + alias
                + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        stranger.signIn(idpLogin, logins.idpUser("insider@" + domain), "password");

        assertEquals("draft", ConnectionActivation.state(api, orgId, alias), "only a test the portal started activates");
    }

    @Test
    void a_connection_with_no_state_recorded_is_active_as_at_upgrade() {
        // Made with Keycloak's own API, as before connection states existed: Gatehouse recorded nothing for it.
        String own = "own-" + OrgApiTest.unique();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(own);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        String realmUrl = urls.getBase() + "/realms/" + CustomerIdpRealm.NAME;
        idp.setConfig(Map.of("clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET,
                "authorizationUrl", realmUrl + "/protocol/openid-connect/auth", "tokenUrl", realmUrl + "/protocol/openid-connect/token",
                "jwksUrl", realmUrl + "/protocol/openid-connect/certs", "issuer", realmUrl, "useJwksUrl", "true",
                "validateSignature", "true", "clientAuthMethod", "client_secret_post", "defaultScope", "openid email profile"));
        sso.admin().identityProviders().create(idp).close();
        sso.admin().organizations().get(orgId).identityProviders().addIdentityProvider(own).close();

        JsonNode connection = ConnectionActivation.connection(api, orgId, own);
        assertEquals("active", connection.get("state").asText());
        BrokeredLogins.assertSignedIn(logins.login(own, logins.idpUser("legacy@" + domain)));
    }

    private String statePath() {
        return "/orgs/" + orgId + "/connections/" + alias + "/state";
    }

    private static void assertNotActiveRefusal(Page page) {
        assertEquals(403, page.status(), page.uri() + "\n" + page.body());
        assertTrue(page.body().contains(NOT_ACTIVE), page.body());
        assertFalse(page.body().contains("Unexpected error"), page.body());
    }

    private String authUrl(String idpHint) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + (idpHint == null ? "" : "&kc_idp_hint=" + idpHint);
    }
}
