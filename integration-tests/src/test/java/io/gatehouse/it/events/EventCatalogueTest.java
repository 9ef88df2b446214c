package io.gatehouse.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.LoopbackDns;
import io.gatehouse.it.support.OrgFixture;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.SamlIdpMetadata;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimOrg;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each event type of the catalogue, produced by a real action through the door that makes it (the
 * management API, Keycloak's own admin API, SCIM), with the data it carries.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class EventCatalogueTest {

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    EventPages pages;
    LoopbackDns dns = new LoopbackDns();

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        pages = new EventPages(api);
        dns.publish(Map.of());
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void an_organization_created_updated_and_deleted_through_the_api() {
        String domain = "lifecycle-" + OrgFixture.unique() + ".test";
        String id = api.createOrg("Lifecycle " + domain, domain);
        JsonNode created = only(id, "organization.created");
        assertEquals("Lifecycle " + domain, created.at("/data/name").asText());
        assertEquals(domain, created.at("/data/domains/0/name").asText());
        assertTrue(created.at("/data/policies").isObject(), created.toString());

        assertEquals(200, api.put("/orgs/" + id, json(Map.of("name", "Renamed " + domain))).status());
        JsonNode updated = only(id, "organization.updated");
        assertEquals("Renamed " + domain, updated.at("/data/name").asText());
        assertEquals("[\"name\"]", updated.at("/data/changedFields").toString());
        assertEquals(200, api.put("/orgs/" + id, json(Map.of("name", "Renamed " + domain))).status());
        assertEquals(1, pages.of(id, "organization.updated").size(), "a change that changes nothing is no event");

        assertEquals(204, api.delete("/orgs/" + id).status());
        assertEquals("Renamed " + domain, only(id, "organization.deleted").at("/data/name").asText());
    }

    @Test
    void an_organization_deleted_in_keycloaks_own_admin_api_is_an_event_too() {
        String domain = "native-" + OrgFixture.unique() + ".test";
        String id = api.createOrg("Native " + domain, domain);
        try (Response deleted = realm.admin().organizations().get(id).delete()) {
            assertEquals(204, deleted.getStatus());
        }
        assertEquals(id, only(id, "organization.deleted").at("/data/id").asText());
    }

    @Test
    void a_domain_verified_by_dns_and_a_challenge_that_expired() {
        String domain = "verified-" + OrgFixture.unique() + ".test";
        String id = api.createOrg("Verified " + domain, domain);
        JsonNode record = api.post("/orgs/" + id + "/domains/" + domain + "/verification", "").body();
        assertEquals("pending", api.get("/orgs/" + id + "/domains/" + domain + "/verification").body().get("status").asText());
        assertEquals(List.of(), pages.of(id, "organization.domain.verified"), "a pending check is no event");

        dns.publish(Map.of(record.get("recordName").asText(), record.get("recordValue").asText()));
        assertEquals("verified", api.get("/orgs/" + id + "/domains/" + domain + "/verification").body().get("status").asText());
        assertEquals("verified", api.get("/orgs/" + id + "/domains/" + domain + "/verification").body().get("status").asText());
        JsonNode verified = only(id, "organization.domain.verified");
        assertEquals(domain, verified.at("/data/domain").asText());
        assertEquals("verified", verified.at("/data/status").asText());
        assertEquals(List.of(), pages.of(id, "organization.domain.verification_failed"));
    }

    @Test
    void a_connection_created_and_deleted_and_its_draft_switched_quietly() {
        String domain = "conn-" + OrgFixture.unique() + ".test";
        String id = api.createOrg("Conn " + domain, domain);
        ApiResponse connection = api.post("/orgs/" + id + "/connections", json(Map.of("type", "saml",
                "metadataXml", SamlIdpMetadata.of("https://idp-" + OrgFixture.unique() + ".test/entity"))));
        assertEquals(201, connection.status(), connection.toString());
        String alias = connection.body().get("id").asText();
        JsonNode created = only(id, "connection.created");
        assertEquals(alias, created.at("/data/id").asText());
        assertEquals("saml", created.at("/data/type").asText());
        assertTrue(created.at("/data/enabled").asBoolean());
        assertFalse(created.toString().contains("BEGIN CERTIFICATE") || created.at("/data/config").isObject(), "no IdP config: " + created);

        setEnabled(alias, false);
        setEnabled(alias, true);
        assertEquals(List.of(), pages.of(id, "connection.activated,connection.deactivated"),
                "a draft signs no one in whatever Keycloak's switch says, so switching it is no event (ConnectionLifecycleTest has the lifecycle's)");

        assertEquals(204, api.delete("/orgs/" + id + "/connections/" + alias).status());
        assertEquals(alias, only(id, "connection.deleted").at("/data/id").asText());
        assertEquals(1, pages.of(id, "connection.created").size());
    }

    @Test
    void a_directory_created_and_deleted_never_shows_its_token() {
        ScimOrg org = ScimOrg.onboard(api, "dir", "Okta");
        JsonNode created = only(org.id(), "directory.created");
        assertEquals(org.directory().id(), created.at("/data/id").asText());
        assertEquals("Okta", created.at("/data/name").asText());
        assertFalse(created.toString().contains(org.directory().token()), created.toString());

        assertEquals(204, api.delete("/orgs/" + org.id() + "/scim-directories/" + org.directory().id()).status());
        assertEquals(org.directory().id(), only(org.id(), "directory.deleted").at("/data/id").asText());
    }

    @Test
    void a_directory_user_created_updated_deactivated_reactivated_and_deleted() {
        ScimOrg org = ScimOrg.onboard(api, "users", "Okta");
        ScimClient scim = org.directory();
        String id = scim.createUser(EventStreamTest.user("grace@" + org.domain()));
        JsonNode created = only(org.id(), "directory.user.created");
        assertEquals(id, created.at("/data/id").asText());
        assertEquals("grace@" + org.domain(), created.at("/data/userName").asText());
        assertEquals(org.directory().id(), created.at("/data/directoryId").asText());
        assertFalse(created.at("/data").has("password"), created.toString());
        JsonNode joined = only(org.id(), "membership.created");
        assertEquals("scim", joined.at("/data/joinedBy").asText());
        assertEquals(id, joined.at("/data/user/id").asText());
        assertEquals("MANAGED", joined.at("/data/user/membershipType").asText());
        assertEquals(id, only(org.id(), "role.granted").at("/data/user/id").asText(), "the default role");

        assertEquals(200, scim.patch("/Users/" + id, replace("name.givenName", "Gracie")).status());
        JsonNode updated = only(org.id(), "directory.user.updated");
        assertEquals("Gracie", updated.at("/data/name/givenName").asText());
        assertEquals("[\"name\"]", updated.at("/data/changedFields").toString());

        assertEquals(200, scim.patch("/Users/" + id, replace("active", false)).status());
        assertFalse(only(org.id(), "directory.user.deactivated").at("/data/active").asBoolean(true));
        assertEquals(200, scim.patch("/Users/" + id, replace("active", true)).status());
        assertTrue(only(org.id(), "directory.user.reactivated").at("/data/active").asBoolean(false));
        assertEquals(1, pages.of(org.id(), "directory.user.updated").size(), "active has events of its own");

        assertEquals(204, scim.delete("/Users/" + id).status());
        assertEquals(id, only(org.id(), "directory.user.deleted").at("/data/id").asText());
    }

    @Test
    void a_directory_group_created_updated_its_members_added_and_removed_and_deleted() {
        ScimOrg org = ScimOrg.onboard(api, "groups", "Okta");
        ScimClient scim = org.directory();
        String ada = scim.createUser(EventStreamTest.user("ada@" + org.domain()));
        String bob = scim.createUser(EventStreamTest.user("bob@" + org.domain()));
        ScimClient.Answer group = scim.post("/Groups", json(Map.of("schemas", List.of(ScimClient.GROUP_SCHEMA), "displayName", "Engineering",
                "members", List.of(Map.of("value", ada)))));
        assertEquals(201, group.status(), group.toString());
        String groupId = group.body().get("id").asText();
        assertEquals("Engineering", only(org.id(), "directory.group.created").at("/data/displayName").asText());
        JsonNode added = only(org.id(), "directory.group.user_added");
        assertEquals(groupId, added.at("/data/group/id").asText());
        assertEquals(ada, added.at("/data/user/id").asText());

        assertEquals(200, scim.patch("/Groups/" + groupId, json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA), "Operations", List.of(
                Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", bob))),
                Map.of("op", "remove", "path", "members[value eq \"" + ada + "\"]"))))).status());
        assertEquals(2, pages.of(org.id(), "directory.group.user_added").size());
        assertEquals(ada, only(org.id(), "directory.group.user_removed").at("/data/user/id").asText());
        JsonNode revoked = only(org.id(), "role.revoked");
        assertEquals("Engineering", revoked.at("/data/role").asText());
        assertEquals(List.of(), pages.of(org.id(), "directory.group.updated"), "a change of members only is no update");

        assertEquals(200, scim.patch("/Groups/" + groupId, replace("displayName", "Platform")).status());
        JsonNode updated = only(org.id(), "directory.group.updated");
        assertEquals("Platform", updated.at("/data/displayName").asText());
        assertEquals("[\"displayName\"]", updated.at("/data/changedFields").toString());

        assertEquals(204, scim.delete("/Groups/" + groupId).status());
        assertEquals(groupId, only(org.id(), "directory.group.deleted").at("/data/id").asText());
    }

    @Test
    void a_member_added_and_removed_in_keycloaks_own_admin_api_and_a_role_granted_through_gatehouse() {
        String domain = "members-" + OrgFixture.unique() + ".test";
        String id = api.createOrg("Members " + domain, domain);
        UserRepresentation user = new UserRepresentation();
        user.setUsername("member-" + OrgFixture.unique());
        user.setEmail(user.getUsername() + "@" + domain);
        user.setEnabled(true);
        String userId;
        try (Response created = realm.admin().users().create(user)) {
            userId = created.getLocation().getPath().replaceAll(".*/", "");
        }
        try (Response added = realm.admin().organizations().get(id).members().addMember(userId)) {
            assertEquals(201, added.getStatus());
        }
        JsonNode joined = only(id, "membership.created");
        assertEquals("admin", joined.at("/data/joinedBy").asText());
        assertEquals("UNMANAGED", joined.at("/data/user/membershipType").asText());

        assertEquals(204, api.post("/orgs/" + id + "/members/" + userId + "/roles", json(Map.of("role", "auditor"))).status());
        assertTrue(pages.of(id, "role.granted").stream().anyMatch(e -> "auditor".equals(e.at("/data/role").asText())));

        try (Response removed = realm.admin().organizations().get(id).members().member(userId).delete()) {
            assertEquals(204, removed.getStatus());
        }
        assertEquals(userId, only(id, "membership.deleted").at("/data/user/id").asText());
    }

    private JsonNode only(String orgId, String type) {
        List<JsonNode> events = pages.of(orgId, type);
        assertEquals(1, events.size(), type + ": " + events);
        JsonNode event = events.get(0);
        assertEquals(type, event.get("type").asText());
        assertEquals(orgId, event.get("organizationId").asText());
        return event;
    }

    private void setEnabled(String alias, boolean enabled) {
        IdentityProviderRepresentation idp = realm.admin().identityProviders().get(alias).toRepresentation();
        idp.setEnabled(enabled);
        realm.admin().identityProviders().get(alias).update(idp);
    }

    private static String replace(String path, Object value) {
        return json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA), "Operations", List.of(Map.of("op", "replace", "path", path, "value", value))));
    }
}
