package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.IdentityProviderResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Test connection" on the setup portal: a passing test shows what the IdP sent and creates no
 * user; a failing one names the precise reason the IdP's answer is refused: for SAML a wrong
 * audience and an assertion outside its validity time (clock skew), which Keycloak reports as one
 * error; for OIDC an expired token, a wrong audience, a wrong issuer and a wrong client secret,
 * which Keycloak's error event does not name at all. The IdPs are a second Keycloak realm and
 * mock-oauth2-server; the tests hold the IdP's SAML answer in flight to change what it meets.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class TestConnectionTest {

    private static final String OIDC_CLIENT = "gatehouse-app";
    private static MockOAuth2Server oidcIdp;

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String domain;

    @BeforeAll
    static void startOidcIdp() {
        oidcIdp = new MockOAuth2Server();
        oidcIdp.start();
    }

    @AfterAll
    static void stopOidcIdp() {
        oidcIdp.shutdown();
    }

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "reasons-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Reasons " + domain, domain);
    }

    @Test
    void a_passing_oidc_test_shows_what_the_idp_sent_and_creates_no_user() {
        String alias = oidcConnection();
        oidcIdp.enqueueCallback(token(Map.of("email", "hal@" + domain, "email_verified", true,
                "given_name", "Hal", "groups", List.of("Engineering", "Admins")), 3600));

        String result = testConnection(alias, new BrowserlessUser("http://stop.invalid/"), page -> page);

        assertTrue(result.contains("data-outcome=\"passed\""), result);
        assertTrue(result.contains("hal@" + domain) && result.contains("Engineering, Admins"), result);
        assertEquals(0, sso.admin().users().searchByEmail("hal@" + domain, true).size(), "a test login creates no user");
    }

    @Test
    void a_saml_assertion_for_another_audience_fails_with_both_entity_ids() {
        String entityId = "urn:gatehouse:test:" + OrgApiTest.unique();
        String alias = samlConnection(entityId, Map.of());

        String result = testSamlConnection(alias, () -> changeConfig(alias, c -> c.put("entityId", "urn:gatehouse:moved")));

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("Wrong audience: the IdP's assertion is addressed to " + entityId), result);
        assertTrue(result.contains("this connection's SP entity ID is urn:gatehouse:moved"), result);
        String lastError = lastError(alias);
        assertTrue(lastError.startsWith("Wrong audience"), "the connection's last error, as admins see it: " + lastError);
    }

    @Test
    void an_expired_saml_assertion_fails_as_clock_skew_with_the_times() {
        String entityId = "urn:gatehouse:test:" + OrgApiTest.unique();
        String alias = samlConnection(entityId, Map.of("saml.assertion.lifespan", "1"));

        String result = testSamlConnection(alias, () -> pause(3000));

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("Clock skew:"), result);
        assertTrue(result.contains("expired") && result.contains("allows 0 s of skew"), result);
        assertFalse(result.contains("Wrong audience"), result);
    }

    @Test
    void an_answer_posted_from_another_browser_touches_neither_the_test_nor_the_connection() {
        String alias = samlConnection("urn:gatehouse:test:" + OrgApiTest.unique(), Map.of());
        String employee = customerUser();
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/")
                .holdingPostsTo(urls.getBase() + "/realms/" + SsoRealm.NAME + "/broker/");

        String result = testConnection(alias, itAdmin, idpLogin -> {
            Page held = itAdmin.signIn(idpLogin, employee, "password");
            Page replayed = new BrowserlessUser("http://stop.invalid/").submit(held, Map.of());
            assertTrue(replayed.status() >= 400, "another browser cannot use the answer: " + replayed.status());
            Page forged = new BrowserlessUser("http://stop.invalid/").submit(held, Map.of("SAMLResponse",
                    Base64.getEncoder().encodeToString("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>".getBytes())));
            assertTrue(forged.status() >= 400, "nor a forged one: " + forged.status());
            return itAdmin.submit(held, Map.of());
        });

        assertTrue(result.contains("data-outcome=\"passed\""), result);
        assertEquals("", lastError(alias), "neither answer is the connection's last error");
    }

    @Test
    void an_expired_oidc_token_fails_as_clock_skew() {
        String alias = oidcConnection();
        oidcIdp.enqueueCallback(token(Map.of("email", "ian@" + domain, "email_verified", true), -3600));

        String result = testConnection(alias, new BrowserlessUser("http://stop.invalid/"), page -> page);

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("Clock skew or an expired token"), result);
    }

    @Test
    void an_oidc_token_for_another_client_fails_as_wrong_audience() {
        String alias = oidcConnection();
        oidcIdp.enqueueCallback(token(Map.of("email", "amy@" + domain, "email_verified", true, "aud", "someone-else"), 3600));

        String result = testConnection(alias, new BrowserlessUser("http://stop.invalid/"), page -> page);

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("Wrong audience") && result.contains(OIDC_CLIENT), result);
    }

    @Test
    void an_oidc_token_from_another_issuer_fails_with_both_issuers() {
        String alias = oidcConnection();
        changeConfig(alias, c -> c.put("issuer", "https://expected.example"));
        oidcIdp.enqueueCallback(token(Map.of("email", "ivy@" + domain, "email_verified", true), 3600));

        String result = testConnection(alias, new BrowserlessUser("http://stop.invalid/"), page -> page);

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("Wrong issuer") && result.contains("https://expected.example")
                && result.contains(oidcIdp.issuerUrl("okta").toString()), result);
    }

    @Test
    void a_wrong_client_secret_fails_with_the_reason() {
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", "not-the-secret")));
        assertEquals(201, created.status(), created.toString());
        String alias = created.body().get("id").asText();
        String employee = customerUser();

        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        String result = testConnection(alias, itAdmin, idpLogin -> itAdmin.signIn(idpLogin, employee, "password"));

        assertTrue(result.contains("data-outcome=\"failed\""), result);
        assertTrue(result.contains("refused this connection") && result.contains("client secret"), result);
        String lastError = lastError(alias);
        assertTrue(lastError.contains("client secret"), "the connection's last error, as admins see it: " + lastError);
    }

    /**
     * Runs "Test connection" on a SAML connection of the customer realm, signing in there, and
     * holds the IdP's answer while {@code meanwhile} runs; answers the portal page with the result.
     */
    private String testSamlConnection(String alias, Runnable meanwhile) {
        String employee = customerUser();
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/")
                .holdingPostsTo(urls.getBase() + "/realms/" + SsoRealm.NAME + "/broker/");
        return testConnection(alias, itAdmin, idpLogin -> {
            Page held = itAdmin.signIn(idpLogin, employee, "password");
            assertTrue(held.body().contains("SAMLResponse"), held.body());
            meanwhile.run();
            return itAdmin.submit(held, Map.of());
        });
    }

    /** The customer's IT admin opens a setup link, presses "Test connection", lets {@code atIdp} act at the IdP, and reads the portal. */
    private String testConnection(String alias, BrowserlessUser itAdmin, UnaryOperator<Page> atIdp) {
        String link = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso")))).body().get("url").asText();
        Page portal = itAdmin.submit(itAdmin.open(link), Map.of());
        Page afterIdp = atIdp.apply(itAdmin.submit(portal, Map.of("connection", alias)));
        String result = itAdmin.open(portal.uri().toString()).body().replace("&#39;", "'").replace("&quot;", "\"");
        assertFalse(result.contains("data-outcome=\"pending\""), "the test login did not come back: " + afterIdp.status() + " "
                + afterIdp.uri() + "\n" + afterIdp.body());
        return result;
    }

    /** A SAML connection to the customer realm under its own SP entity ID, with a client there for it. */
    private String samlConnection(String entityId, Map<String, String> clientAttributes) {
        customer.admin().clients().create(CustomerIdpRealm.samlClient(entityId, clientAttributes)).close();
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml",
                "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor")));
        assertEquals(201, created.status(), created.toString());
        String alias = created.body().get("id").asText();
        changeConfig(alias, c -> c.put("entityId", entityId));
        return alias;
    }

    private String oidcConnection() {
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", oidcIdp.wellKnownUrl("okta").toString(), "clientId", OIDC_CLIENT, "clientSecret", "secret")));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    private void changeConfig(String alias, Consumer<Map<String, String>> change) {
        IdentityProviderResource idp = sso.admin().identityProviders().get(alias);
        IdentityProviderRepresentation representation = idp.toRepresentation();
        change.accept(representation.getConfig());
        idp.update(representation);
    }

    /** The connection's last error, as admins see it in the org's connections. */
    private String lastError(String alias) {
        for (JsonNode connection : api.get("/orgs/" + orgId + "/connections").body()) {
            if (connection.get("id").asText().equals(alias)) {
                return connection.get("lastError").isNull() ? "" : connection.get("lastError").asText();
            }
        }
        throw new AssertionError("no connection " + alias);
    }

    private String customerUser() {
        String employee = "emp-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), employee, employee + "@" + domain, true, "password");
        return employee;
    }

    private static DefaultOAuth2TokenCallback token(Map<String, Object> claims, long expirySeconds) {
        return new DefaultOAuth2TokenCallback("okta", "sub-" + OrgApiTest.unique(), "JWT", List.of(OIDC_CLIENT), claims, expirySeconds);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
