package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every write through the management API is a Keycloak admin event an auditor can read: the real
 * admin as actor (their realm and user), the resource type and path, and a representation that
 * says what changed and never holds a secret.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class AdminEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String domain;
    String masterId;
    String adminId;

    @BeforeEach
    void onboard() {
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setAdminEventsDetailsEnabled(true);
        realm.admin().update(settings);
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "audit-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Audit " + domain, domain);
        masterId = admin.realm("master").toRepresentation().getId();
        adminId = subjectOf(admin.tokenManager().getAccessTokenString());
        realm.admin().clearAdminEvents();
    }

    @Test
    void a_role_grant_is_the_groups_creation_and_the_membership_by_the_admin() throws IOException {
        String userId = member("granted@" + domain);

        assertEquals(204, api.post("/orgs/" + orgId + "/members/" + userId + "/roles", json(Map.of("role", "auditor"))).status());

        AdminEventRepresentation membership = only("GROUP_MEMBERSHIP", "CREATE");
        assertTrue(membership.getResourcePath().startsWith("users/" + userId + "/groups/"), membership.getResourcePath());
        JsonNode granted = JSON.readTree(membership.getRepresentation());
        assertEquals("auditor", granted.get("role").asText());
        assertEquals(orgId, granted.get("organizationId").asText());
        String groupId = granted.get("groupId").asText();
        AdminEventRepresentation group = only("GROUP", "CREATE");
        assertEquals("groups/" + groupId, group.getResourcePath());
        assertEquals("auditor", JSON.readTree(group.getRepresentation()).get("name").asText());

        realm.admin().clearAdminEvents();
        String another = member("second@" + domain);
        assertEquals(204, api.post("/orgs/" + orgId + "/members/" + another + "/roles", json(Map.of("role", "auditor"))).status());
        only("GROUP_MEMBERSHIP", "CREATE");
        assertTrue(events("GROUP", "CREATE").isEmpty(), "the group exists now: no second creation");
    }

    @Test
    void domain_verification_start_and_look_up_are_actions_on_the_organization() throws IOException {
        assertEquals(200, api.post("/orgs/" + orgId + "/domains/" + domain + "/verification", "").status());
        assertEquals(200, api.get("/orgs/" + orgId + "/domains/" + domain + "/verification").status());

        List<AdminEventRepresentation> actions = events("ORGANIZATION", "ACTION");
        assertEquals(2, actions.size(), actions.toString());
        for (AdminEventRepresentation action : actions) {
            byAdmin(action);
            assertTrue(action.getResourcePath().endsWith("orgs/" + orgId + "/domains/" + domain + "/verification"), action.getResourcePath());
            assertEquals(domain, JSON.readTree(action.getRepresentation()).get("domain").asText(), action.getRepresentation());
        }
    }

    @Test
    void the_support_account_is_a_user_a_role_its_mapping_and_a_membership_with_no_secret() {
        assertEquals(201, api.post("/orgs/" + orgId + "/support-account", "").status());

        AdminEventRepresentation user = only("USER", "CREATE");
        String userId = user.getResourcePath().substring("users/".length());
        assertEquals("roles/gatehouse-break-glass", only("REALM_ROLE", "CREATE").getResourcePath(),
                "the role, created by this first support account");
        assertEquals("users/" + userId + "/role-mappings/realm", only("REALM_ROLE_MAPPING", "CREATE").getResourcePath());
        assertTrue(only("REALM_ROLE_MAPPING", "CREATE").getRepresentation().contains("gatehouse-break-glass"));
        assertEquals("organizations/" + orgId + "/members/" + userId, only("ORGANIZATION_MEMBERSHIP", "CREATE").getResourcePath());
        for (AdminEventRepresentation event : realm.admin().getAdminEvents()) {
            String representation = String.valueOf(event.getRepresentation()).toLowerCase();
            assertFalse(representation.contains("password") || representation.contains("totp") || representation.contains("otpauth"),
                    "no secret in " + event.getRepresentation());
        }
    }

    @Test
    void removals_say_what_was_removed() throws IOException {
        String linkId = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("domain")))).body().get("id").asText();
        JsonNode directory = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "Okta"))).body();
        String directoryId = directory.get("id").asText();
        String tokenId = directory.get("tokenId").asText();
        realm.admin().clearAdminEvents();

        assertEquals(204, api.delete("/orgs/" + orgId + "/setup-links/" + linkId).status());
        assertEquals(204, api.delete("/orgs/" + orgId + "/scim-directories/" + directoryId + "/tokens/" + tokenId).status());
        assertEquals(204, api.delete("/orgs/" + orgId + "/scim-directories/" + directoryId).status());

        List<String> removed = events("ORGANIZATION", "DELETE").stream().map(event -> {
            byAdmin(event);
            try {
                return JSON.readTree(event.getRepresentation()).get("id").asText();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(3, removed.size(), removed.toString());
        assertTrue(removed.containsAll(List.of(linkId, tokenId, directoryId)), removed.toString());
    }

    /** Whoever the test framework's admin client signs in as (a user or a service account): the token's subject. */
    private static String subjectOf(String token) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).get("sub").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String member(String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setEnabled(true);
        String id;
        try (Response created = realm.admin().users().create(user)) {
            String path = created.getLocation().getPath();
            id = path.substring(path.lastIndexOf('/') + 1);
        }
        realm.admin().organizations().get(orgId).members().addMember(id).close();
        realm.admin().clearAdminEvents();
        return id;
    }

    private AdminEventRepresentation only(String resourceType, String operation) {
        List<AdminEventRepresentation> found = events(resourceType, operation);
        assertEquals(1, found.size(), resourceType + " " + operation + ": " + found);
        return byAdmin(found.get(0));
    }

    private List<AdminEventRepresentation> events(String resourceType, String operation) {
        return realm.admin().getAdminEvents().stream()
                .filter(e -> resourceType.equals(e.getResourceType()) && operation.equals(e.getOperationType())).toList();
    }

    private AdminEventRepresentation byAdmin(AdminEventRepresentation event) {
        assertEquals(masterId, event.getAuthDetails().getRealmId(), "the admin's own realm");
        assertEquals(adminId, event.getAuthDetails().getUserId(), "the admin who called");
        return event;
    }
}
