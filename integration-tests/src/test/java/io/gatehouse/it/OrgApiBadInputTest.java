package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whatever an API caller sends, the answer is a 4xx JSON error that says what to fix, and nothing is stored. */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OrgApiBadInputTest {

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    long orgsBefore;

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        orgsBefore = realm.admin().organizations().count("", false);
    }

    @Test
    void the_admin_role_cannot_be_every_new_members_default_role() {
        for (String admin : List.of("admin", " Admin ", "ADMIN")) {
            assertRefusedAndNothingStored(api.createOrg(GatehouseApi.json(Map.of("name", "Defaults " + OrgApiTest.unique(),
                    "domains", List.of("defaults-" + OrgApiTest.unique() + ".test"), "policies", Map.of("defaultRole", admin)))), 400, "reserved_role");
        }
        String domain = "default-admin-" + OrgApiTest.unique() + ".test";
        String id = api.createOrg("Default " + domain, domain);
        ApiResponse refused = api.put("/orgs/" + id, GatehouseApi.json(Map.of("policies", Map.of("defaultRole", "admin", "autoJoinByDomain", true))));
        assertEquals(400, refused.status(), refused.toString());
        assertEquals("reserved_role", refused.error());
        assertTrue(refused.message().contains("admin invitation"), refused.message());
        assertEquals("member", api.get("/orgs/" + id).body().at("/policies/defaultRole").asText(), "nothing changed");
        assertFalse(api.get("/orgs/" + id).body().at("/policies/autoJoinByDomain").asBoolean());
    }

    @Test
    void malformed_json_is_refused() {
        assertRefusedAndNothingStored(api.createOrg("{\"name\": \"Acme\", \"domains\": [\"acme.test\""), 400, "invalid_json");
        assertRefusedAndNothingStored(api.createOrg("not json at all"), 400, "invalid_json");
        assertRefusedAndNothingStored(api.createOrg(""), 400, "invalid_json");
        assertRefusedAndNothingStored(api.createOrg("[1, 2]"), 400, "invalid_field");
        assertRefusedAndNothingStored(api.createOrg("null"), 400, "invalid_json");
        assertRefusedAndNothingStored(api.createOrg("{\"name\": \"A\", \"domains\": [\"a-1.test\"]} trailing"), 400, "invalid_json");
    }

    @Test
    void unknown_fields_are_refused_and_named() {
        ApiResponse response = api.createOrg("{\"name\": \"Acme\", \"domains\": [\"acme-unknown.test\"], \"domian\": \"x\"}");
        assertRefusedAndNothingStored(response, 400, "unknown_field");
        assertTrue(response.message().contains("domian"), response.message());

        ApiResponse policy = api.createOrg("{\"name\": \"Acme\", \"domains\": [\"acme-unknown.test\"], \"policies\": {\"ssoRequierd\": true}}");
        assertRefusedAndNothingStored(policy, 400, "unknown_field");
        assertTrue(policy.message().contains("ssoRequierd"), policy.message());
    }

    @Test
    void wrong_types_are_refused_and_named() {
        ApiResponse response = api.createOrg("{\"name\": \"Acme\", \"domains\": \"acme-types.test\"}");
        assertRefusedAndNothingStored(response, 400, "invalid_field");
        assertTrue(response.message().contains("domains"), response.message());

        ApiResponse policy = api.createOrg("{\"name\": \"Acme\", \"domains\": [\"acme-types.test\"], \"policies\": {\"ssoRequired\": \"yes\"}}");
        assertRefusedAndNothingStored(policy, 400, "invalid_field");
        assertTrue(policy.message().contains("ssoRequired"), policy.message());
    }

    @Test
    void missing_required_fields_are_refused() {
        assertRefusedAndNothingStored(api.createOrg("{\"domains\": [\"acme-missing.test\"]}"), 400, "missing_name");
        assertRefusedAndNothingStored(api.createOrg("{\"name\": \"Acme\"}"), 400, "missing_domains");
        assertRefusedAndNothingStored(api.createOrg("{\"name\": \"Acme\", \"domains\": []}"), 400, "missing_domains");
        assertRefusedAndNothingStored(api.createOrg("{\"name\": \"   \", \"domains\": [\"acme-missing.test\"]}"), 400, "missing_name");
    }

    @Test
    void a_ten_thousand_character_name_is_refused() {
        ApiResponse response = api.createOrg(json(Map.of("name", "N".repeat(10_000), "domains", List.of("long-name.test"))));
        assertRefusedAndNothingStored(response, 400, "invalid_name");
        assertTrue(response.message().contains("255"), response.message());
    }

    @Test
    void oversized_external_id_and_attributes_are_refused() {
        assertRefusedAndNothingStored(api.createOrg(json(Map.of("name", "Big", "domains", List.of("big.test"),
                "externalId", "x".repeat(300)))), 400, "invalid_externalId");
        assertRefusedAndNothingStored(api.createOrg(json(Map.of("name", "Big", "domains", List.of("big.test"),
                "attributes", Map.of("team", List.of("r".repeat(300)))))), 400, "invalid_attributes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-bad-.com", "acme..com", "localhost", "1.2.3.4", "acme.com/evil", "ac me.com", "eu.*.acme.com", "*.*.acme.com", "*", ""})
    void domains_that_are_not_hostnames_are_refused(String domain) {
        ApiResponse response = api.createOrg(json(Map.of("name", "Bad Domain", "domains", List.of(domain))));
        assertRefusedAndNothingStored(response, 400, "invalid_domain");
    }

    @Test
    void public_mailbox_domains_need_explicit_permission() {
        ApiResponse refused = api.createOrg(json(Map.of("name", "Gmail Fans", "domains", List.of("gmail.com"))));
        assertRefusedAndNothingStored(refused, 400, "invalid_domain");
        assertTrue(refused.message().contains("public mailbox"), refused.message());

        ApiResponse operatorListed = api.createOrg(json(Map.of("name", "ISP Fans", "domains", List.of("mail.example-isp.test"))));
        assertRefusedAndNothingStored(operatorListed, 400, "invalid_domain");

        ApiResponse allowed = api.post("/orgs?allowPublicMailboxDomains=true",
                json(Map.of("name", "Gmail Fans " + OrgApiTest.unique(), "domains", List.of("GMAIL.com"))));
        assertEquals(201, allowed.status(), allowed.toString());
        api.delete("/orgs/" + allowed.body().get("id").asText());
    }

    @Test
    void bad_paging_parameters_are_refused() {
        assertEquals(400, api.get("/orgs?max=0").status());
        assertEquals(400, api.get("/orgs?max=100000").status());
        assertEquals(400, api.get("/orgs?first=-1").status());
        ApiResponse words = api.get("/orgs?first=abc");
        assertEquals(400, words.status());
        assertEquals("invalid_query", words.error());
    }

    @Test
    void unknown_org_is_a_json_404() {
        ApiResponse response = api.get("/orgs/does-not-exist");
        assertEquals(404, response.status());
        assertEquals("org_not_found", response.error());
        assertEquals(404, api.put("/orgs/does-not-exist", "{\"name\": \"x\"}").status());
        assertEquals(404, api.delete("/orgs/does-not-exist").status());
    }

    @Test
    void bad_update_changes_nothing() {
        String suffix = OrgApiTest.unique();
        JsonNode org = api.createOrg(json(Map.of("name", "Keep " + suffix, "domains", List.of("keep-" + suffix + ".test")))).body();
        String id = org.get("id").asText();

        assertEquals(400, api.put("/orgs/" + id, json(Map.of("name", "Changed", "domains", List.of("gmail.com")))).status());
        assertEquals(400, api.put("/orgs/" + id, json(Map.of("name", "N".repeat(10_000)))).status());
        assertEquals(400, api.put("/orgs/" + id, "{\"name\": ").status());

        assertEquals(org, api.get("/orgs/" + id).body());
    }

    @Test
    void ten_parallel_creates_with_one_domain_make_one_org() throws Exception {
        String domain = "race-" + OrgApiTest.unique() + ".test";
        List<ApiResponse> responses = parallel(10, i -> api.createOrg(json(Map.of("name", "Race " + i + " " + domain,
                "domains", List.of(domain)))));

        assertOneCreatedRestConflict(responses, "domain_taken");
        assertEquals(1, realm.admin().organizations().search(domain, false, 0, 20).size());
    }

    @Test
    void ten_parallel_creates_with_one_external_id_make_one_org() throws Exception {
        String externalId = "race-" + OrgApiTest.unique();
        List<ApiResponse> responses = parallel(10, i -> api.createOrg(json(Map.of("name", "Race " + externalId + " " + i,
                "domains", List.of(externalId + "-" + i + ".test"), "externalId", externalId))));

        assertOneCreatedRestConflict(responses, "external_id_taken");
        assertEquals(1, realm.admin().organizations().search("Race " + externalId, false, 0, 20).size());
    }

    private void assertOneCreatedRestConflict(List<ApiResponse> responses, String code) {
        assertEquals(1, responses.stream().filter(r -> r.status() == 201).count(), responses.toString());
        for (ApiResponse response : responses) {
            if (response.status() != 201) {
                assertEquals(409, response.status(), response.toString());
                assertNotNull(response.message(), response.toString());
                assertTrue(List.of(code, "name_taken", "domain_taken", "external_id_taken").contains(response.error()), response.toString());
            }
        }
    }

    private void assertRefusedAndNothingStored(ApiResponse response, int status, String code) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(code, response.error(), response.toString());
        assertNotNull(response.message(), response.toString());
        assertFalse(response.rawBody().contains("Exception") || response.rawBody().contains("\tat "), response.rawBody());
        assertEquals(orgsBefore, realm.admin().organizations().count("", false), "an organization was stored");
    }

    private static List<ApiResponse> parallel(int callers, java.util.function.IntFunction<ApiResponse> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Callable<ApiResponse>> tasks = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int n = i;
                tasks.add(() -> call.apply(n));
            }
            List<ApiResponse> results = new ArrayList<>();
            for (Future<ApiResponse> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
