package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhook endpoints, driven as a vendor's app would use them: a real receiver (Node, with the
 * official Standard Webhooks library) verifies every delivery's signature; events arrive in each
 * organization's order; a failing receiver is retried on schedule (the server's clock moved with the
 * test framework's time offset) and one that fails for days is disabled; URLs outside the outbound
 * policy are refused; the secret is shown once.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class WebhooksTest {

    private static final String UPDATED = "organization.updated";
    private static final int FIVE_MINUTES_AND_A_BIT = 301;

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    static WebhookReceiver receiver;
    GatehouseApi api;
    final Map<String, String> domains = new HashMap<>();

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @BeforeEach
    void client() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
    }

    @AfterEach
    void clock() {
        timeOffSet.set(0);
    }

    @Test
    void every_delivery_verifies_and_each_organizations_events_arrive_in_order() throws Exception {
        String a = org("a");
        String b = org("b");
        String all = "all-" + OrgApiTest.unique();
        String onlyA = "only-a-" + OrgApiTest.unique();
        JsonNode realmWide = endpoint(all, Map.of("types", List.of(UPDATED)));
        endpoint(onlyA, Map.of("organizationId", a));

        for (int i = 1; i <= 5; i++) {
            rename(a, "A " + i);
            rename(b, "B " + i);
        }

        List<JsonNode> received = receiver.deliveriesOnce(all, d -> ofOrgs(d, a, b).size() >= 10);
        List<JsonNode> ours = ofOrgs(received, a, b);
        assertEquals(10, ours.size(), "one delivery per event: " + ours);
        for (JsonNode delivery : ours) {
            assertTrue(delivery.get("verified").asBoolean(), "standardwebhooks verified " + delivery);
            assertEquals(delivery.get("event").get("id").asText(), delivery.get("webhookId").asText(), "webhook-id is the event id");
            assertEquals(UPDATED, delivery.get("event").get("type").asText());
        }
        assertEquals(List.of("A 1", "A 2", "A 3", "A 4", "A 5"), names(ofOrgs(ours, a)));
        assertEquals(List.of("B 1", "B 2", "B 3", "B 4", "B 5"), names(ofOrgs(ours, b)));

        List<JsonNode> toA = receiver.deliveriesOnce(onlyA, d -> names(d).contains("A 5"));
        assertTrue(toA.stream().allMatch(d -> d.get("verified").asBoolean() && a.equals(d.get("event").get("organizationId").asText())), toA.toString());
        assertEquals(List.of("A 1", "A 2", "A 3", "A 4", "A 5"), names(toA.stream().filter(d -> UPDATED.equals(d.get("event").get("type").asText())).toList()));

        // An attempt is logged once its answer is in, a moment after the receiver has it.
        JsonNode log = eventually(() -> api.get("/webhooks/" + realmWide.get("id").asText() + "/deliveries").body(),
                l -> ofEvents(l, ours).size() >= 10);
        List<JsonNode> logged = ofEvents(log, ours);
        assertEquals(10, logged.size(), log.toString());
        for (JsonNode entry : logged) {
            assertEquals("delivered", entry.get("outcome").asText(), entry.toString());
            assertEquals(204, entry.get("statusCode").asInt());
            assertEquals(1, entry.get("attempt").asInt());
            assertEquals("DELIVERED", entry.get("status").asText());
            assertEquals(UPDATED, entry.get("type").asText());
            assertTrue(entry.get("latencyMillis").asLong() >= 0 && Instant.parse(entry.get("attemptedAt").asText()).isAfter(Instant.EPOCH), entry.toString());
        }
    }

    @Test
    void a_failing_receiver_is_retried_on_schedule_and_later_events_wait_for_it() throws Exception {
        String org = org("retry");
        String name = "retry-" + OrgApiTest.unique();
        String id = endpoint(name, Map.of("organizationId", org)).get("id").asText();
        receiver.fail(name, 2);

        rename(org, "R 1");
        rename(org, "R 2");
        receiver.deliveriesOnce(name, d -> d.size() >= 1);
        // 5 s after the first failure, the second attempt; 5 min after that, the third.
        timeOffSet.set(6);
        receiver.deliveriesOnce(name, d -> d.size() >= 2);
        timeOffSet.set(6 + FIVE_MINUTES_AND_A_BIT);
        List<JsonNode> received = receiver.deliveriesOnce(name, d -> d.size() >= 4);

        assertEquals(List.of("R 1", "R 1", "R 1", "R 2"), names(received), "R 2 waited for R 1: " + received);
        assertEquals(List.of(500, 500, 204, 204), received.stream().map(d -> d.get("answered").asInt()).toList());
        assertEquals(1, received.subList(0, 3).stream().map(d -> d.get("webhookId").asText()).distinct().count(), "the same webhook-id at every attempt");
        assertTrue(received.stream().allMatch(d -> d.get("verified").asBoolean()), received.toString());

        List<JsonNode> log = new ArrayList<>();
        eventually(() -> api.get("/webhooks/" + id + "/deliveries").body(), l -> l.size() >= 4).forEach(log::add);
        assertEquals(List.of("delivered", "delivered", "http_error", "http_error"), log.stream().map(e -> e.get("outcome").asText()).toList(), log.toString());
        assertEquals(List.of(1, 3, 2, 1), log.stream().map(e -> e.get("attempt").asInt()).toList());
        assertEquals(List.of(204, 204, 500, 500), log.stream().map(e -> e.get("statusCode").asInt()).toList());

        JsonNode endpoint = api.get("/webhooks/" + id).body();
        assertTrue(endpoint.get("enabled").asBoolean());
        assertTrue(endpoint.get("failingSince").isNull(), "healthy again: " + endpoint);
        assertTrue(Instant.parse(endpoint.get("lastSuccessAt").asText()).isAfter(Instant.EPOCH), endpoint.toString());
    }

    @Test
    void an_endpoint_failing_for_five_days_is_disabled_and_flagged() throws Exception {
        String org = org("failing");
        String name = "failing-" + OrgApiTest.unique();
        String id = endpoint(name, Map.of("organizationId", org)).get("id").asText();
        receiver.fail(name, 1000);

        rename(org, "F 1");
        receiver.deliveriesOnce(name, d -> d.size() >= 1);
        JsonNode failing = eventually(() -> api.get("/webhooks/" + id).body(), e -> e.hasNonNull("failingSince"));
        assertTrue(failing.get("enabled").asBoolean(), failing.toString());
        assertTrue(Instant.parse(failing.get("failingSince").asText()).isAfter(Instant.EPOCH), failing.toString());

        timeOffSet.set(5 * 24 * 3600 + 3600);
        receiver.deliveriesOnce(name, d -> d.size() >= 2);
        JsonNode disabled = eventually(() -> api.get("/webhooks/" + id).body(), e -> !e.path("enabled").asBoolean(true));
        assertEquals("failing", disabled.get("disabledReason").asText(), disabled.toString());
        assertTrue(Instant.parse(disabled.get("disabledAt").asText()).isAfter(Instant.EPOCH));

        ApiResponse enabled = api.patch("/webhooks/" + id, json(Map.of("enabled", true)));
        assertEquals(200, enabled.status(), enabled.toString());
        assertTrue(enabled.body().get("enabled").asBoolean());
        assertTrue(enabled.body().get("failingSince").isNull() && enabled.body().get("disabledReason").isNull(), enabled.toString());
    }

    @Test
    void a_disabled_endpoint_gets_nothing() throws Exception {
        String org = org("off");
        String off = "off-" + OrgApiTest.unique();
        String on = "on-" + OrgApiTest.unique();
        String offId = endpoint(off, Map.of("organizationId", org)).get("id").asText();
        endpoint(on, Map.of("organizationId", org));

        ApiResponse disabled = api.put("/webhooks/" + offId, json(Map.of("enabled", false)));
        assertEquals(200, disabled.status(), disabled.toString());
        assertFalse(disabled.body().get("enabled").asBoolean());
        assertEquals("admin", disabled.body().get("disabledReason").asText());

        rename(org, "Off 1");
        // Both endpoints are fanned out in the same rounds: once the enabled one has the event, the disabled one would have too.
        receiver.deliveriesOnce(on, d -> names(d).contains("Off 1"));
        assertEquals(List.of(), receiver.deliveries(off));
        assertEquals(0, api.get("/webhooks/" + offId + "/deliveries").body().size());
    }

    @Test
    void an_admin_can_send_a_delivery_again_with_the_same_webhook_id() throws Exception {
        String org = org("again");
        String name = "again-" + OrgApiTest.unique();
        String id = endpoint(name, Map.of("organizationId", org, "types", List.of(UPDATED))).get("id").asText();
        rename(org, "Again 1");
        JsonNode first = receiver.deliveriesOnce(name, d -> d.size() >= 1).get(0);
        String deliveryId = eventually(() -> api.get("/webhooks/" + id + "/deliveries").body(), l -> l.size() >= 1)
                .get(0).get("deliveryId").asText();

        ApiResponse again = api.post("/webhooks/" + id + "/deliveries/" + deliveryId + "/redeliver", "");
        assertEquals(202, again.status(), again.toString());
        assertEquals("PENDING", again.body().get("status").asText(), again.toString());
        List<JsonNode> received = receiver.deliveriesOnce(name, d -> d.size() >= 2);
        assertEquals(first.get("webhookId").asText(), received.get(1).get("webhookId").asText());
        assertTrue(received.get(1).get("verified").asBoolean());

        ApiResponse unknown = api.post("/webhooks/" + id + "/deliveries/no-such-delivery/redeliver", "");
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("delivery_not_found", unknown.error());
    }

    @Test
    void refuses_urls_outside_the_outbound_policy_with_a_json_error() {
        String org = org("refused");
        for (String url : List.of("http://127.0.0.2:8080/hook", "http://[::1]:8080/hook", "http://10.1.2.3/hook",
                "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/", "file:///etc/passwd", "javascript:alert(1)",
                "http://example.test/<script>alert(1)</script>", "ftp://127.0.0.1/", "http://user:pw@127.0.0.1/", "/relative")) {
            ApiResponse refused = api.post("/webhooks", json(Map.of("url", url, "organizationId", org)));
            assertEquals(400, refused.status(), url + ": " + refused);
            assertEquals("url_refused", refused.error(), url + ": " + refused);
            assertFalse(refused.message().contains(url) || refused.rawBody().contains("<script>"), "the answer does not echo the URL: " + refused);
        }
        ApiResponse type = api.post("/webhooks", json(Map.of("url", receiver.url("x"), "organizationId", org, "types", List.of("user.hacked"))));
        assertEquals(400, type.status(), type.toString());
        assertEquals("unknown_event_type", type.error());
        ApiResponse field = api.post("/webhooks", json(Map.of("url", receiver.url("x"), "secret", "mine")));
        assertEquals(400, field.status(), field.toString());
        assertEquals("unknown_field", field.error());
        ApiResponse noOrg = api.post("/webhooks", json(Map.of("url", receiver.url("x"), "organizationId", "no-such-org")));
        assertEquals(404, noOrg.status(), noOrg.toString());
        assertEquals(0, api.get("/webhooks?organizationId=" + org).body().findValues("organizationId").stream()
                .filter(o -> org.equals(o.asText())).count(), "nothing was created");
    }

    @Test
    void the_secret_is_shown_only_when_the_endpoint_is_created() {
        String org = org("secret");
        ApiResponse created = api.post("/webhooks", json(Map.of("url", receiver.url("secret"), "organizationId", org)));
        assertEquals(201, created.status(), created.toString());
        String secret = created.body().get("secret").asText();
        assertTrue(secret.matches("whsec_[A-Za-z0-9+/]{43}="), secret);
        String id = created.body().get("id").asText();

        ApiResponse one = api.get("/webhooks/" + id);
        ApiResponse list = api.get("/webhooks?organizationId=" + org);
        assertEquals(200, one.status(), one.toString());
        assertEquals(receiver.url("secret"), one.body().get("url").asText());
        assertFalse(one.body().has("secret") || one.rawBody().contains(secret), one.toString());
        assertFalse(list.rawBody().contains(secret) || list.rawBody().contains("whsec_"), list.toString());
        assertTrue(list.rawBody().contains(id), list.toString());
        for (AdminEventRepresentation event : realm.admin().getAdminEvents()) {
            assertFalse(String.valueOf(event.getRepresentation()).contains(secret), "admin events never carry it");
        }

        JsonNode paths = api.get("/openapi.json").body().get("paths");
        assertTrue(paths.path("/webhooks").has("post") && paths.path("/webhooks/{id}").has("patch")
                && paths.has("/webhooks/{id}/deliveries") && paths.has("/webhooks/{id}/deliveries/{deliveryId}/redeliver"), "the routes are in the OpenAPI description");

        assertEquals(204, api.delete("/webhooks/" + id).status());
        ApiResponse gone = api.get("/webhooks/" + id);
        assertEquals(404, gone.status(), gone.toString());
        assertEquals("webhook_not_found", gone.error());
    }

    private JsonNode endpoint(String name, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.put("url", receiver.url(name));
        ApiResponse created = api.post("/webhooks", json(body));
        assertEquals(201, created.status(), created.toString());
        receiver.secret(name, created.body().get("secret").asText());
        return created.body();
    }

    private String org(String prefix) {
        String domain = prefix + "-" + OrgApiTest.unique() + ".test";
        String id = api.createOrg(prefix + " " + domain, domain);
        domains.put(id, domain);
        return id;
    }

    private void rename(String orgId, String name) {
        ApiResponse updated = api.put("/orgs/" + orgId, json(Map.of("name", name, "domains", List.of(domains.get(orgId)))));
        assertEquals(200, updated.status(), updated.toString());
    }

    private static List<JsonNode> ofOrgs(List<JsonNode> deliveries, String... orgIds) {
        Set<String> orgs = Set.of(orgIds);
        return deliveries.stream().filter(d -> orgs.contains(d.get("event").path("organizationId").asText())).toList();
    }

    /** The log entries of these deliveries' events. */
    private static List<JsonNode> ofEvents(JsonNode log, List<JsonNode> deliveries) {
        return StreamSupport.stream(log.spliterator(), false)
                .filter(e -> deliveries.stream().anyMatch(d -> d.get("webhookId").asText().equals(e.path("eventId").asText()))).toList();
    }

    private static List<String> names(List<JsonNode> deliveries) {
        return deliveries.stream().filter(d -> UPDATED.equals(d.get("event").path("type").asText()))
                .map(d -> d.get("event").get("data").get("name").asText()).toList();
    }

    private static JsonNode eventually(java.util.function.Supplier<JsonNode> read, Predicate<JsonNode> holds) throws InterruptedException {
        for (int tries = 0; tries < 100; tries++) {
            JsonNode value = read.get();
            if (holds.test(value)) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("never held: " + read.get());
    }
}
