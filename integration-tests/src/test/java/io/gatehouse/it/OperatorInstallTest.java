package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.KeycloakDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator's install, step by step: a fresh Keycloak 26.7.3 from the release zip, our jars
 * copied into providers/, kc.sh build, kc.sh start-dev. Then a restart must lose nothing.
 * Runs on its own ports, beside the shared test server.
 */
class OperatorInstallTest {

    private static final String BASE = "http://localhost:18080";
    private static final String[] START = {"start-dev", "--http-port=18080", "--http-management-port=19000"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void bundle_copied_into_providers_starts_cleanly_loads_every_provider_and_survives_a_restart(@TempDir Path tmp) throws Exception {
        try (KeycloakDistribution keycloak = KeycloakDistribution.unpack(Path.of(System.getenv("GATEHOUSE_IT_KEYCLOAK_ZIP")), tmp)) {
            keycloak.installProviders(Path.of(System.getenv("GATEHOUSE_IT_PROVIDERS_DIR")));

            assertEquals(0, keycloak.run(Duration.ofMinutes(5), "build"), String.join("\n", keycloak.output()));
            keycloak.startServer(Duration.ofMinutes(5), START);

            List<String> errors = keycloak.output().stream().filter(l -> l.contains(" ERROR ") || l.contains("Exception")).toList();
            assertTrue(errors.isEmpty(), "the server logged errors:\n" + String.join("\n", errors));

            JsonNode providers = get("/admin/serverinfo").get("providers");
            assertTrue(providers.at("/gatehouse-organizations/providers").has("default"), providers.get("gatehouse-organizations") + "");
            assertTrue(providers.at("/admin-realm-restapi-extension/providers").has("gatehouse"));
            assertTrue(providers.at("/jpa-entity-provider/providers").has("gatehouse"));

            assertEquals(201, post("/admin/realms", "{\"realm\": \"operator\", \"enabled\": true, \"organizationsEnabled\": true}"));
            GatehouseApi api = new GatehouseApi(BASE, "operator", OperatorInstallTest::adminToken);
            ApiResponse created = api.createOrg(json(Map.of("name", "Acme", "domains", List.of("acme.test"),
                    "externalId", "crm-42", "attributes", Map.of("region", List.of("eu"), "backendUrl", List.of("https://eu.anything.test")),
                    "policies", Map.of("ssoRequired", true, "defaultRole", "employee"))));
            assertEquals(201, created.status(), created.toString());
            assertEquals("https://eu.anything.test", created.body().at("/attributes/backendUrl/0").asText(),
                    "without the operator's regions, region and backendUrl are free text");
            assertEquals(0, api.get("/regions").body().size());

            keycloak.stopServer();
            keycloak.startServer(Duration.ofMinutes(5), START);

            ApiResponse found = api.get("/orgs?externalId=crm-42");
            assertEquals(1, found.body().size(), found.toString());
            assertEquals(created.body(), found.body().get(0));
        }
    }

    private static JsonNode get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path)).header("Authorization", "Bearer " + adminToken()).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static int post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + path))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String adminToken() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(BASE + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                    .build();
            return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
