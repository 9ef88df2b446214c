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
import java.util.Base64;
import java.util.Map;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anyone can start a login through a connection ({@code kc_idp_hint}) and post junk to its broker
 * endpoint. Only the first refused answer of a login reaches the connection's last error and the
 * organization's activity log; the login's later ones are only counted on the connection, and an
 * answer that belongs to no login (posted without the login's cookie) is neither recorded nor
 * counted.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class JunkBrokerAnswersTest {

    private static final String JUNK = Base64.getEncoder().encodeToString(
            "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>".getBytes(StandardCharsets.UTF_8));

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
    String alias;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "junk-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Junk " + domain, domain);
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml",
                "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor")));
        assertEquals(201, created.status(), created.toString());
        alias = created.body().get("id").asText();
    }

    @Test
    void twenty_junk_answers_within_one_login_write_the_connection_once_and_count_the_other_nineteen() {
        BrowserlessUser attacker = browser();
        Page held = loginInProgress(attacker);

        Page first = attacker.submit(held, Map.of("SAMLResponse", JUNK));
        assertTrue(first.status() >= 400, "Keycloak refuses the junk: " + first.status());
        JsonNode afterFirst = connection();
        for (int i = 0; i < 19; i++) {
            attacker.submit(held, Map.of("SAMLResponse", JUNK));
        }

        JsonNode afterAll = connection();
        assertFalse(afterFirst.get("lastError").isNull(), "the login's first refused answer is recorded: " + afterFirst);
        assertEquals(afterFirst.get("lastErrorAt"), afterAll.get("lastErrorAt"), "the later ones do not overwrite it: " + afterAll);
        assertEquals(afterFirst.get("lastError"), afterAll.get("lastError"));
        assertEquals(1, refusalsInActivityLog(), "one activity entry for the login");
        assertEquals(19, droppedAnswers(), "the other 19 are counted");
    }

    @Test
    void junk_answers_that_belong_to_no_login_are_neither_recorded_nor_counted() {
        BrowserlessUser person = browser();
        Page held = loginInProgress(person);

        for (int i = 0; i < 5; i++) {
            Page elsewhere = browser().submit(held, Map.of("SAMLResponse", JUNK));
            assertTrue(elsewhere.status() >= 400, "Keycloak refuses the junk: " + elsewhere.status());
        }

        assertTrue(connection().get("lastError").isNull(), connection().toString());
        assertEquals(0, refusalsInActivityLog());
        assertEquals(0, droppedAnswers());
        person.submit(held, Map.of("SAMLResponse", JUNK));
        assertFalse(connection().get("lastError").isNull(), "the same junk within the login is recorded: " + connection());
        assertEquals(1, refusalsInActivityLog());
        assertEquals(0, droppedAnswers());
    }

    @Test
    void each_login_gets_its_own_first_refusal_recorded() {
        BrowserlessUser one = browser();
        Page heldOne = loginInProgress(one);
        BrowserlessUser other = browser();
        Page heldOther = loginInProgress(other);

        one.submit(heldOne, Map.of("SAMLResponse", JUNK));
        other.submit(heldOther, Map.of("SAMLResponse", JUNK));
        one.submit(heldOne, Map.of("SAMLResponse", JUNK));

        assertEquals(2, refusalsInActivityLog());
        assertEquals(1, droppedAnswers());
    }

    private BrowserlessUser browser() {
        return new BrowserlessUser(SsoRealm.APP_REDIRECT).holdingPostsTo(urls.getBase() + "/realms/" + SsoRealm.NAME + "/broker/");
    }

    /** Signs in at the IdP through the connection and holds the IdP's answer: the login is in progress at the service provider. */
    private Page loginInProgress(BrowserlessUser browser) {
        String employee = "emp-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), employee, employee + "@" + domain, true, "password");
        Page idpLogin = browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + SsoRealm.APP + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8) + "&kc_idp_hint=" + alias);
        Page held = browser.signIn(idpLogin, employee, "password");
        assertTrue(held.body().contains("SAMLResponse") && held.body().contains("RelayState"), held.uri() + "\n" + held.body());
        return held;
    }

    /** The connection as admins see it in the org's connections. */
    private JsonNode connection() {
        for (JsonNode connection : api.get("/orgs/" + orgId + "/connections").body()) {
            if (connection.get("id").asText().equals(alias)) {
                return connection;
            }
        }
        throw new AssertionError("no connection " + alias);
    }

    private long refusalsInActivityLog() {
        JsonNode activity = api.get("/orgs/" + orgId + "/activity").body();
        return StreamSupport.stream(activity.spliterator(), false)
                .filter(entry -> entry.get("kind").asText().equals("sso.refused") && entry.get("actor").asText().equals("connection " + alias))
                .count();
    }

    /** The connection's count of dropped answers, as the management API shows it. */
    private long droppedAnswers() {
        JsonNode connections = api.get("/orgs/" + orgId + "/connections").body();
        return StreamSupport.stream(connections.spliterator(), false)
                .filter(connection -> connection.get("id").asText().equals(alias))
                .findFirst().orElseThrow()
                .get("droppedAnswers").asLong();
    }
}
