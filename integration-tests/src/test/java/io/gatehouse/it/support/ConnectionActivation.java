package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.BrowserlessUser.Page;
import org.keycloak.admin.client.resource.RealmResource;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Makes a new connection, which starts as a draft, active the way a customer's IT admin does: a
 * setup link, "Test connection" in the setup portal, a sign-in at the IdP with an account in the
 * organization's domain. The first test that passes activates the connection.
 */
public final class ConnectionActivation {

    private static final String PASSWORD = "password";

    private ConnectionActivation() {
    }

    /** Tests the connection with a new account of the customer realm ({@link CustomerIdpRealm}) in the org's first domain. */
    public static void activate(GatehouseApi api, RealmResource customer, String orgId, String alias) {
        String domain = api.get("/orgs/" + orgId).body().at("/domains/0/name").asText();
        activate(api, customer, orgId, alias, domain.startsWith("*.") ? domain.substring(2) : domain);
    }

    /** Tests the connection with a new account of the customer realm ({@link CustomerIdpRealm}) whose email is in {@code domain}. */
    public static void activate(GatehouseApi api, RealmResource customer, String orgId, String alias, String domain) {
        String tester = "tester-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(customer, tester, tester + "@" + domain, true, PASSWORD);
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        activate(api, orgId, alias, itAdmin, idpLogin -> itAdmin.signIn(idpLogin, tester, PASSWORD));
    }

    /** Tests the connection with {@code atIdp} doing what the IdP needs (nothing, for an IdP that answers at once). */
    public static void activate(GatehouseApi api, String orgId, String alias, BrowserlessUser itAdmin, UnaryOperator<Page> atIdp) {
        Page portal = openPortal(api, orgId, itAdmin);
        atIdp.apply(itAdmin.submit(portal, Map.of("connection", alias)));
        assertEquals("active", state(api, orgId, alias), "the passing test activates the connection");
    }

    /** The setup portal of the org, opened with a fresh setup link for SSO. */
    public static Page openPortal(GatehouseApi api, String orgId, BrowserlessUser itAdmin) {
        ApiResponse link = api.post("/orgs/" + orgId + "/setup-links", GatehouseApi.json(Map.of("intents", List.of("sso"))));
        assertEquals(201, link.status(), link.toString());
        return itAdmin.submit(itAdmin.open(link.body().get("url").asText()), Map.of());
    }

    /** The connection's lifecycle state as {@code GET /connections} answers it. */
    public static String state(GatehouseApi api, String orgId, String alias) {
        return connection(api, orgId, alias).get("state").asText();
    }

    public static JsonNode connection(GatehouseApi api, String orgId, String alias) {
        for (JsonNode connection : api.get("/orgs/" + orgId + "/connections").body()) {
            if (connection.get("id").asText().equals(alias)) {
                return connection;
            }
        }
        throw new AssertionError("no connection " + alias + " in " + orgId);
    }
}
