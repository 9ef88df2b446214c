package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.KeycloakDistribution;
import io.gatehouse.it.support.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node that dies mid-delivery (kill -9 while the receiver holds the request) with a backlog behind
 * it loses nothing: after the restart the abandoned claim is taken over once its lease runs out, and
 * the event and the backlog arrive in order, each verified by the Standard Webhooks library. A server
 * of its own from the release zip, on its own ports beside the shared test server, with a short lease.
 */
class WebhookRestartTest {

    private static final String BASE = "http://localhost:18083";
    private static final String[] START = {"start-dev", "--http-port=18083", "--http-management-port=19003",
            "--spi-gatehouse-organizations--default--fetch-allowed-networks=127.0.0.1/32",
            "--spi-gatehouse-webhooks--default--lease-seconds=20"};
    private static final String REALM = "webhook-restart";

    @Test
    void a_delivery_abandoned_by_a_dead_node_and_its_backlog_arrive_in_order_after_the_restart(@TempDir Path tmp) throws Exception {
        try (KeycloakDistribution keycloak = KeycloakDistribution.unpack(Path.of(System.getenv("GATEHOUSE_IT_KEYCLOAK_ZIP")), tmp);
             WebhookReceiver receiver = WebhookReceiver.start()) {
            keycloak.installProviders(Path.of(System.getenv("GATEHOUSE_IT_PROVIDERS_DIR")));
            assertEquals(0, keycloak.run(Duration.ofMinutes(5), "build"), String.join("\n", keycloak.output()));
            keycloak.startServer(Duration.ofMinutes(5), START);

            String domain = "restart-" + OrgApiTest.unique() + ".test";
            String endpointId;
            try (Keycloak admin = Keycloak.getInstance(BASE, "master", "admin", "admin", "admin-cli")) {
                RealmRepresentation realm = new RealmRepresentation();
                realm.setRealm(REALM);
                realm.setEnabled(true);
                realm.setOrganizationsEnabled(true);
                admin.realms().create(realm);
                GatehouseApi api = new GatehouseApi(BASE, REALM, () -> admin.tokenManager().getAccessTokenString());
                String org = api.createOrg("Restart", domain);
                ApiResponse created = api.post("/webhooks", json(Map.of("url", receiver.url("restart"), "organizationId", org,
                        "types", List.of("organization.updated"))));
                assertEquals(201, created.status(), created.toString());
                endpointId = created.body().get("id").asText();
                receiver.secret("restart", created.body().get("secret").asText());
                receiver.hold("restart", 1);

                rename(api, org, domain, "N 1");
                receiver.deliveriesOnce("restart", d -> d.size() >= 1);
                for (int i = 2; i <= 5; i++) {
                    rename(api, org, domain, "N " + i);
                }
                // H2 writes committed transactions to its file within a second; the kill must not be what loses them.
                Thread.sleep(2000);
            }

            keycloak.kill();
            keycloak.startServer(Duration.ofMinutes(5), START);

            List<JsonNode> received = receiver.deliveriesOnce("restart", d -> d.size() >= 6);
            assertEquals(List.of("N 1", "N 1", "N 2", "N 3", "N 4", "N 5"),
                    received.stream().map(d -> d.get("event").get("data").get("name").asText()).toList(), received.toString());
            assertEquals("held", received.get(0).get("answered").asText(), "the first attempt died with the node");
            assertEquals(received.get(0).get("webhookId").asText(), received.get(1).get("webhookId").asText(), "sent again with the same webhook-id");
            assertTrue(received.stream().allMatch(d -> d.get("verified").asBoolean()), received.toString());
            assertTrue(received.subList(1, 6).stream().allMatch(d -> d.get("answered").asInt() == 204), received.toString());

            try (Keycloak admin = Keycloak.getInstance(BASE, "master", "admin", "admin", "admin-cli")) {
                GatehouseApi api = new GatehouseApi(BASE, REALM, () -> admin.tokenManager().getAccessTokenString());
                JsonNode log = api.get("/webhooks/" + endpointId + "/deliveries").body();
                assertEquals(5, log.size(), "one finished attempt per event: the dead node's never finished " + log);
                log.forEach(entry -> assertEquals("delivered", entry.get("outcome").asText(), log.toString()));
            }
        }
    }

    private static void rename(GatehouseApi api, String orgId, String domain, String name) {
        ApiResponse updated = api.put("/orgs/" + orgId, json(Map.of("name", name, "domains", List.of(domain))));
        assertEquals(200, updated.status(), updated.toString());
    }
}
