package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin onboards organizations over the management API; Keycloak's own API sees the same orgs. */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OrgApiTest {

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
    }

    @Test
    void creates_org_with_domains_external_id_attributes_and_policies() {
        String suffix = unique();
        ApiResponse created = api.createOrg(json(Map.of(
                "name", "Acme " + suffix,
                "alias", "acme-" + suffix,
                "domains", List.of("acme-" + suffix + ".test"),
                "externalId", "crm-" + suffix,
                "attributes", Map.of("region", List.of("eu-west-1"), "backendUrl", List.of("https://eu.example.test")),
                "policies", Map.of("ssoRequired", true, "allowSubdomains", true, "defaultRole", "viewer"))));

        assertEquals(201, created.status(), created.toString());
        JsonNode org = created.body();
        assertEquals("Acme " + suffix, org.get("name").asText());
        assertEquals("acme-" + suffix, org.get("alias").asText());
        assertEquals("acme-" + suffix + ".test", org.at("/domains/0/name").asText());
        assertFalse(org.at("/domains/0/verified").asBoolean());
        assertEquals("crm-" + suffix, org.get("externalId").asText());
        assertEquals("eu-west-1", org.at("/attributes/region/0").asText());
        assertEquals("https://eu.example.test", org.at("/attributes/backendUrl/0").asText());
        assertTrue(org.at("/policies/ssoRequired").asBoolean());
        assertTrue(org.at("/policies/allowSubdomains").asBoolean());
        assertEquals("viewer", org.at("/policies/defaultRole").asText());

        ApiResponse fetched = api.get("/orgs/" + org.get("id").asText());
        assertEquals(200, fetched.status());
        assertEquals(org, fetched.body());
    }

    @Test
    void new_org_gets_safe_default_policies() {
        JsonNode policies = createOrg("defaults").get("policies");

        assertFalse(policies.get("ssoRequired").asBoolean());
        assertTrue(policies.get("mfaForNonSsoUsers").asBoolean());
        assertFalse(policies.get("autoJoinByDomain").asBoolean());
        assertEquals("member", policies.get("defaultRole").asText());
        assertFalse(policies.get("allowSubdomains").asBoolean());
        assertFalse(policies.get("requireVerifiedDomains").asBoolean());
    }

    @Test
    void finds_org_by_external_id() {
        String suffix = unique();
        JsonNode org = api.createOrg(json(Map.of("name", "Ext " + suffix, "domains", List.of("ext-" + suffix + ".test"),
                "externalId", "tenant/" + suffix + "?&é"))).body();

        ApiResponse found = api.get("/orgs?externalId=" + query("tenant/" + suffix + "?&é"));
        assertEquals(200, found.status());
        assertEquals(1, found.body().size());
        assertEquals(org.get("id"), found.body().get(0).get("id"));

        ApiResponse none = api.get("/orgs?externalId=" + query("no-such-" + suffix));
        assertEquals(200, none.status());
        assertEquals(0, none.body().size());
    }

    @Test
    void searches_and_pages_orgs_by_name() {
        String suffix = unique();
        for (int i = 0; i < 3; i++) {
            createOrg("page" + i + "-" + suffix);
        }
        ApiResponse all = api.get("/orgs?search=" + suffix + "&max=10");
        assertEquals(3, all.body().size(), all.toString());

        ApiResponse firstTwo = api.get("/orgs?search=" + suffix + "&first=0&max=2");
        ApiResponse rest = api.get("/orgs?search=" + suffix + "&first=2&max=2");
        assertEquals(2, firstTwo.body().size());
        assertEquals(1, rest.body().size());
    }

    @Test
    void normalizes_domains_to_lower_case_punycode_without_trailing_dot() {
        String suffix = unique();
        ApiResponse created = api.createOrg(json(Map.of("name", "Norm " + suffix,
                "domains", List.of("Norm-" + suffix + ".TEST.", "bücher-" + suffix + ".test"))));

        assertEquals(201, created.status(), created.toString());
        List<String> names = created.body().get("domains").findValuesAsText("name");
        assertTrue(names.contains("norm-" + suffix + ".test"), names.toString());
        assertTrue(names.contains(java.net.IDN.toASCII("bücher-" + suffix + ".test")), names.toString());
    }

    @Test
    void update_changes_what_it_names_and_keeps_the_rest() {
        JsonNode org = createOrg("upd");
        String id = org.get("id").asText();

        ApiResponse updated = api.put("/orgs/" + id, json(Map.of(
                "name", org.get("name").asText() + " Renamed",
                "policies", Map.of("autoJoinByDomain", true))));

        assertEquals(200, updated.status(), updated.toString());
        assertEquals(org.get("name").asText() + " Renamed", updated.body().get("name").asText());
        assertEquals(org.get("domains"), updated.body().get("domains"));
        assertEquals(org.get("externalId"), updated.body().get("externalId"));
        assertTrue(updated.body().at("/policies/autoJoinByDomain").asBoolean());
        assertTrue(updated.body().at("/policies/mfaForNonSsoUsers").asBoolean());
        assertEquals(updated.body(), api.get("/orgs/" + id).body());
    }

    @Test
    void alias_cannot_be_changed() {
        JsonNode org = createOrg("alias");
        ApiResponse response = api.put("/orgs/" + org.get("id").asText(), json(Map.of("alias", "something-else")));

        assertEquals(400, response.status());
        assertEquals("invalid_alias", response.error());
        assertEquals(org, api.get("/orgs/" + org.get("id").asText()).body());
    }

    @Test
    void delete_removes_the_org_and_frees_its_external_id_and_domains() {
        JsonNode org = createOrg("del");
        String id = org.get("id").asText();

        assertEquals(204, api.delete("/orgs/" + id).status());
        ApiResponse gone = api.get("/orgs/" + id);
        assertEquals(404, gone.status());
        assertEquals("org_not_found", gone.error());
        assertTrue(realm.admin().organizations().search(org.get("name").asText(), true, 0, 10).isEmpty());

        ApiResponse again = api.createOrg(json(Map.of("name", org.get("name").asText(),
                "domains", List.of(org.at("/domains/0/name").asText()), "externalId", org.get("externalId").asText())));
        assertEquals(201, again.status(), again.toString());
    }

    @Test
    void org_created_here_shows_in_keycloaks_own_api() {
        JsonNode org = createOrg("native-view");

        OrganizationRepresentation nativeOrg = realm.admin().organizations().get(org.get("id").asText()).toRepresentation();
        assertEquals(org.get("name").asText(), nativeOrg.getName());
        assertEquals(org.get("alias").asText(), nativeOrg.getAlias());
        assertEquals(org.at("/domains/0/name").asText(), nativeOrg.getDomains().iterator().next().getName());
    }

    @Test
    void org_created_and_changed_in_keycloaks_own_api_shows_here_with_default_policies() {
        String suffix = unique();
        OrganizationRepresentation rep = new OrganizationRepresentation();
        rep.setName("Native " + suffix);
        rep.setAlias("native-" + suffix);
        rep.addDomain(new OrganizationDomainRepresentation("native-" + suffix + ".test"));
        rep.singleAttribute("region", "us-east-1");
        try (var response = realm.admin().organizations().create(rep)) {
            assertEquals(201, response.getStatus());
        }
        String id = realm.admin().organizations().search(rep.getName(), true, 0, 1).get(0).getId();

        JsonNode seen = api.get("/orgs/" + id).body();
        assertEquals(rep.getName(), seen.get("name").asText());
        assertEquals("native-" + suffix + ".test", seen.at("/domains/0/name").asText());
        assertEquals("us-east-1", seen.at("/attributes/region/0").asText());
        assertTrue(seen.get("externalId").isNull());
        assertEquals("member", seen.at("/policies/defaultRole").asText());

        OrganizationRepresentation changed = realm.admin().organizations().get(id).toRepresentation();
        changed.setName("Native Renamed " + suffix);
        changed.addDomain(new OrganizationDomainRepresentation("native2-" + suffix + ".test"));
        try (var response = realm.admin().organizations().get(id).update(changed)) {
            assertEquals(204, response.getStatus());
        }
        JsonNode after = api.get("/orgs/" + id).body();
        assertEquals("Native Renamed " + suffix, after.get("name").asText());
        assertEquals(2, after.get("domains").size());
    }

    @Test
    void org_deleted_in_keycloaks_own_api_leaves_nothing_behind() {
        JsonNode org = createOrg("native-delete");
        try (var response = realm.admin().organizations().get(org.get("id").asText()).delete()) {
            assertEquals(204, response.getStatus());
        }

        assertEquals(404, api.get("/orgs/" + org.get("id").asText()).status());
        assertEquals(0, api.get("/orgs?externalId=" + query(org.get("externalId").asText())).body().size());
        ApiResponse reuse = api.createOrg(json(Map.of("name", "Reuse " + unique(),
                "domains", List.of(org.at("/domains/0/name").asText()), "externalId", org.get("externalId").asText())));
        assertEquals(201, reuse.status(), reuse.toString());
    }

    @Test
    void domain_moved_away_natively_can_be_claimed_here() {
        JsonNode first = createOrg("moved");
        String domain = first.at("/domains/0/name").asText();
        OrganizationRepresentation nativeFirst = realm.admin().organizations().get(first.get("id").asText()).toRepresentation();
        nativeFirst.getDomains().clear();
        nativeFirst.addDomain(new OrganizationDomainRepresentation("other-" + unique() + ".test"));
        try (var response = realm.admin().organizations().get(first.get("id").asText()).update(nativeFirst)) {
            assertEquals(204, response.getStatus());
        }

        ApiResponse second = api.createOrg(json(Map.of("name", "Second " + unique(), "domains", List.of(domain))));
        assertEquals(201, second.status(), second.toString());
    }

    @Test
    void duplicate_name_domain_or_external_id_is_a_conflict() {
        JsonNode org = createOrg("dup");
        String domain = org.at("/domains/0/name").asText();

        ApiResponse sameDomain = api.createOrg(json(Map.of("name", "Other " + unique(), "domains", List.of(domain.toUpperCase()))));
        assertEquals(409, sameDomain.status());
        assertEquals("domain_taken", sameDomain.error());

        ApiResponse sameExternalId = api.createOrg(json(Map.of("name", "Other " + unique(),
                "domains", List.of("other-" + unique() + ".test"), "externalId", org.get("externalId").asText())));
        assertEquals(409, sameExternalId.status());
        assertEquals("external_id_taken", sameExternalId.error());

        ApiResponse sameName = api.createOrg(json(Map.of("name", org.get("name").asText(),
                "domains", List.of("other-" + unique() + ".test"))));
        assertEquals(409, sameName.status());
        assertEquals("name_taken", sameName.error());
        assertNull(sameName.body().get("stackTrace"));
    }

    private JsonNode createOrg(String label) {
        String suffix = label + "-" + unique();
        ApiResponse created = api.createOrg(json(Map.of("name", "Org " + suffix, "alias", suffix,
                "domains", List.of(suffix + ".test"), "externalId", "ext-" + suffix)));
        assertEquals(201, created.status(), created.toString());
        return created.body();
    }

    static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
