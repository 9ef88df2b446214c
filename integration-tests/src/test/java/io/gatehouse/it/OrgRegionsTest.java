package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientScopeResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organizations placed in the operator's regions ({@link GatehouseServerConfig#REGIONS}): the
 * region is one of the list, the backend URL follows from it, and both reach the app in Keycloak's
 * organization claim.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OrgRegionsTest {

    private static final String APP = "regions-app";
    private static final String PASSWORD = "Passw0rd-regions";

    @InjectRealm(config = RegionsRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;

    /** An app that signs users in with a password and asks for the organization scope. */
    public static final class RegionsRealm implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            ClientRepresentation app = new ClientRepresentation();
            app.setClientId(APP);
            app.setPublicClient(true);
            app.setDirectAccessGrantsEnabled(true);
            app.setOptionalClientScopes(List.of("organization"));
            return realm.organizationsEnabled(true).adminEventsEnabled(true).clients(app);
        }
    }

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
    }

    @Test
    void the_console_lists_the_operators_regions_in_their_order() {
        ApiResponse regions = api.get("/regions");
        assertEquals(200, regions.status(), regions.toString());
        assertEquals(2, regions.body().size(), regions.toString());
        assertEquals("eu-west-1", regions.body().get(0).get("id").asText());
        assertEquals("EU West 1", regions.body().get(0).get("displayName").asText());
        assertEquals("https://eu.example.test", regions.body().get(0).get("backendUrl").asText());
        assertEquals("us-east-1", regions.body().get(1).get("id").asText());
    }

    @Test
    void an_org_created_in_a_region_gets_its_backend_url_and_moves_with_its_region() {
        JsonNode org = create(Map.of("region", List.of("eu-west-1"))).body();
        assertEquals("eu-west-1", org.at("/attributes/region/0").asText());
        assertEquals("https://eu.example.test", org.at("/attributes/backendUrl/0").asText());

        ApiResponse moved = api.put("/orgs/" + org.get("id").asText(), json(Map.of("attributes", Map.of("region", List.of("us-east-1")))));
        assertEquals(200, moved.status(), moved.toString());
        assertEquals("us-east-1", moved.body().at("/attributes/region/0").asText());
        assertEquals("https://us.example.test", moved.body().at("/attributes/backendUrl/0").asText());
        assertEquals("https://us.example.test", api.get("/orgs/" + org.get("id").asText()).body().at("/attributes/backendUrl/0").asText());
    }

    @Test
    void the_backend_url_may_be_sent_when_it_is_the_regions_own() {
        ApiResponse created = create(Map.of("region", List.of("us-east-1"), "backendUrl", List.of("https://us.example.test")));
        assertEquals("https://us.example.test", created.body().at("/attributes/backendUrl/0").asText());
    }

    @Test
    void an_unknown_region_is_refused_with_the_list_of_valid_ones_and_nothing_is_created() {
        String name = "Typo " + OrgApiTest.unique();
        ApiResponse refused = api.createOrg(json(Map.of("name", name, "domains", List.of(OrgApiTest.unique() + ".test"),
                "attributes", Map.of("region", List.of("eu-wets-1")))));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("unknown_region", refused.error());
        assertTrue(refused.message().contains("eu-west-1, us-east-1"), refused.message());
        assertEquals(0, api.get("/orgs?search=" + GatehouseApi.query(name)).body().size());
    }

    @Test
    void an_update_to_an_unknown_region_is_refused_and_changes_nothing() {
        String id = create(Map.of("region", List.of("eu-west-1"))).body().get("id").asText();
        ApiResponse refused = api.put("/orgs/" + id, json(Map.of("attributes", Map.of("region", List.of("mars-1")))));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("unknown_region", refused.error());
        assertEquals("eu-west-1", api.get("/orgs/" + id).body().at("/attributes/region/0").asText());
    }

    @Test
    void a_backend_url_that_disagrees_with_the_region_or_comes_alone_is_refused() {
        ApiResponse mismatch = api.createOrg(json(Map.of("name", "Mismatch " + OrgApiTest.unique(), "domains", List.of(OrgApiTest.unique() + ".test"),
                "attributes", Map.of("region", List.of("eu-west-1"), "backendUrl", List.of("https://us.example.test")))));
        assertEquals(400, mismatch.status(), mismatch.toString());
        assertEquals("backend_url_mismatch", mismatch.error());
        assertTrue(mismatch.message().contains("https://eu.example.test"), mismatch.message());

        ApiResponse alone = api.createOrg(json(Map.of("name", "Alone " + OrgApiTest.unique(), "domains", List.of(OrgApiTest.unique() + ".test"),
                "attributes", Map.of("backendUrl", List.of("https://evil.example.test")))));
        assertEquals(400, alone.status(), alone.toString());
        assertEquals("backend_url_without_region", alone.error());
    }

    @Test
    void a_members_token_carries_the_region_and_backend_url_in_the_organization_claim() throws Exception {
        String domain = "region-" + OrgApiTest.unique() + ".test";
        JsonNode org = api.createOrg(json(Map.of("name", "Claim " + domain, "domains", List.of(domain),
                "attributes", Map.of("region", List.of("us-east-1"))))).body();
        String userId = member(org.get("id").asText(), "claim@" + domain);
        addOrganizationAttributesToTheClaim();

        JsonNode claim = accessTokenClaims("claim@" + domain).get("organization");

        JsonNode attributes = claim.path(org.get("alias").asText());
        assertEquals("us-east-1", attributes.at("/region/0").asText(), claim.toString());
        assertEquals("https://us.example.test", attributes.at("/backendUrl/0").asText(), claim.toString());
        realm.admin().users().get(userId).remove();
    }

    private ApiResponse create(Map<String, List<String>> attributes) {
        ApiResponse created = api.createOrg(json(Map.of("name", "Region " + OrgApiTest.unique(), "domains", List.of(OrgApiTest.unique() + ".test"),
                "attributes", attributes)));
        assertEquals(201, created.status(), created.toString());
        return created;
    }

    private String member(String orgId, String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEmailVerified(true);
        user.setFirstName("Claim");
        user.setLastName("Member");
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        try (Response response = realm.admin().users().create(user)) {
            assertEquals(201, response.getStatus());
        }
        String userId = realm.admin().users().searchByUsername(email, true).get(0).getId();
        try (Response response = realm.admin().organizations().get(orgId).members().addMember(userId)) {
            assertEquals(201, response.getStatus());
        }
        return userId;
    }

    /** Keycloak's organization mapper carries organization attributes once its option says so, as the operator's app needs. */
    private void addOrganizationAttributesToTheClaim() {
        String scopeId = realm.admin().clientScopes().findAll().stream().filter(s -> "organization".equals(s.getName())).findFirst().orElseThrow().getId();
        ClientScopeResource scope = realm.admin().clientScopes().get(scopeId);
        ProtocolMapperRepresentation mapper = scope.getProtocolMappers().getMappers().stream()
                .filter(m -> "oidc-organization-membership-mapper".equals(m.getProtocolMapper())).findFirst().orElseThrow();
        mapper.getConfig().put("addOrganizationAttributes", "true");
        scope.getProtocolMappers().update(mapper.getId(), mapper);
    }

    private JsonNode accessTokenClaims(String username) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=" + APP + "&scope=openid%20organization"
                                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + PASSWORD))
                        .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        ObjectMapper json = new ObjectMapper();
        String accessToken = json.readTree(response.body()).get("access_token").asText();
        return json.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
    }
}
