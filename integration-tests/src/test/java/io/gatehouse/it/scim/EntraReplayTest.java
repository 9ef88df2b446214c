package io.gatehouse.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimOrg;
import io.gatehouse.it.support.ScimClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Microsoft Entra ID's provisioning service sends, replayed request by request (Entra's
 * "Develop a SCIM endpoint" request examples and its SCIM compliance notes): a probe for a random
 * userName, capitalised PATCH ops, booleans as strings, filtered value paths, no-path replaces
 * keyed by attribute paths, the extra Microsoft group schema, {@code excludedAttributes=members},
 * and group member removal in both the default and the {@code aadOptscim062020} form.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class EntraReplayTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    ScimClient entra;
    String domain;
    String orgId;

    @BeforeEach
    void onboard() {
        ScimOrg org = ScimOrg.onboard(new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString()),
                "entra", "Entra ID");
        domain = org.domain();
        orgId = org.id();
        entra = org.directory();
    }

    @Test
    void entra_probes_with_a_random_user_name_and_gets_an_empty_list() {
        Answer probe = entra.get("/Users?filter=" + query("userName eq \"" + UUID.randomUUID() + "\""));

        assertEquals(200, probe.status(), probe.toString());
        assertEquals(0, probe.body().get("totalResults").asInt());
        assertTrue(probe.body().path("Resources").isEmpty(), probe.toString());
    }

    @Test
    void entra_creates_patches_disables_and_deletes_a_user() {
        String userName = "Test_User_" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        Answer created = entra.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
                 "externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef","userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],
                 "meta":{"resourceType":"User"},
                 "name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},
                 "roles":[],
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"701984","department":"Tour Operations"}}
                """.formatted(userName, userName));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals("701984", created.body().at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber").asText(), created.toString());

        Answer byExternalId = entra.get("/Users?filter=" + query("externalId eq \"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\""));
        assertEquals(1, byExternalId.body().get("totalResults").asInt(), byExternalId.toString());
        Answer caseInsensitive = entra.get("/Users?filter=" + query("userName eq \"" + userName.toUpperCase() + "\""));
        assertEquals(id, caseInsensitive.body().at("/Resources/0/id").asText(), "userName filters ignore case: " + caseInsensitive);

        String newEmail = "updated." + userName.toLowerCase();
        assertPatched("/Users/" + id, """
                {"op":"Replace","path":"emails[type eq \\"work\\"].value","value":"%s"},
                {"op":"Replace","path":"name.familyName","value":"updatedFamilyName"},
                {"op":"Add","path":"title","value":"Tour Guide"}
                """.formatted(newEmail));
        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertEquals(newEmail, stored.getEmail());
        assertEquals("updatedFamilyName", stored.getLastName());
        assertEquals("Tour Guide", entra.get("/Users/" + id).body().get("title").asText());

        assertPatched("/Users/" + id, """
                {"op":"Replace","path":"active","value":"False"}
                """);
        assertFalse(realm.admin().users().get(id).toRepresentation().isEnabled(), "\"False\" as a string disables");

        assertPatched("/Users/" + id, """
                {"op":"replace","value":{"active":true,"displayName":"Given Family","name.givenName":"Given",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"Sales"}}
                """);
        JsonNode user = entra.get("/Users/" + id).body();
        assertTrue(user.get("active").asBoolean(), user.toString());
        assertEquals("Given Family", user.get("displayName").asText());
        assertEquals("Given", user.at("/name/givenName").asText());
        assertEquals("updatedFamilyName", user.at("/name/familyName").asText(), "a no-path replace changes only what it names");
        assertEquals("Sales", user.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/department").asText());
        assertEquals("701984", user.at("/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/employeeNumber").asText());
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled());

        assertEquals(204, entra.delete("/Users/" + id).status());
        assertEquals(404, entra.get("/Users/" + id).status());
        assertTrue(realm.admin().users().search(userName, true).isEmpty(), "the managed user is deleted");
    }

    @Test
    void entra_provisions_a_group_and_removes_members_in_both_patch_forms() {
        String ada = entra.createUser(user("ada"));
        String grace = entra.createUser(user("grace"));
        String linus = entra.createUser(user("linus"));

        Answer created = entra.post("/Groups", """
                {"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"Sales Team","meta":{"resourceType":"Group"},"members":[],
                 "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"]}
                """);
        assertEquals(201, created.status(), created.toString());
        String group = created.body().get("id").asText();
        assertEquals("8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159", created.body().get("externalId").asText());

        assertPatched("/Groups/" + group, """
                {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"},{"$ref":null,"value":"%s"}]}
                """.formatted(ada, grace, linus));
        assertEquals(Set.of(ada, grace, linus), members(group));

        Answer lookup = entra.get("/Groups?excludedAttributes=members&filter=" + query("displayName eq \"Sales Team\""));
        assertEquals(1, lookup.body().get("totalResults").asInt(), lookup.toString());
        assertFalse(lookup.body().at("/Resources/0").has("members"), "members are left out when asked: " + lookup);
        assertFalse(entra.get("/Groups/" + group + "?excludedAttributes=members").body().has("members"));

        assertPatched("/Groups/" + group, """
                {"op":"Remove","path":"members","value":[{"value":"%s"}]}
                """.formatted(ada));
        assertEquals(Set.of(grace, linus), members(group), "the default form removes only the named member");

        assertPatched("/Groups/" + group, """
                {"op":"remove","path":"members[value eq \\"%s\\"]"}
                """.formatted(grace));
        assertEquals(Set.of(linus), members(group), "the aadOptscim062020 form removes only the named member");

        assertPatched("/Groups/" + group, """
                {"op":"Replace","path":"displayName","value":"Sales"}
                """);
        assertEquals("Sales", entra.get("/Groups/" + group).body().get("displayName").asText());
        Answer byExternalId = entra.get("/Groups?filter=" + query("externalId eq \"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\""));
        assertEquals(group, byExternalId.body().at("/Resources/0/id").asText(), byExternalId.toString());

        assertEquals(204, entra.delete("/Groups/" + group).status());
        assertEquals(404, entra.get("/Groups/" + group).status());
    }

    @Test
    void entra_finds_a_user_by_the_value_of_a_typed_email_including_one_that_is_not_primary() {
        String work = "Value.Path." + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        String home = "home." + work.toLowerCase();
        String id = entra.createUser("""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"},{"type":"home","value":"%s"}]}
                """.formatted(work, work, home));

        assertEquals(List.of(id), found("emails[type eq \"work\"].value eq \"" + work.toUpperCase() + "\""), "Entra's form, ignoring case");
        assertEquals(List.of(id), found("emails[type eq \"home\"].value eq \"" + home + "\""), "an email that is not the primary");
        assertEquals(List.of(id), found("emails[type eq \"home\" and value eq \"" + home + "\"]"), "the RFC's form");
        assertEquals(List.of(id), found("emails.value eq \"" + home + "\""), "any email of the user");
        assertEquals(List.of(), found("emails[type eq \"home\"].value eq \"" + work + "\""), "type and value of one email, not of two");
        assertEquals(List.of(), found("emails[type eq \"work\" and value eq \"" + home + "\"]"), "type and value of one email, not of two");
        assertEquals(List.of(id), found("emails[type eq \"work\" and primary eq true].value sw \"value.path.\" and userName eq \"" + work + "\""));

        assertPatched("/Users/" + id, """
                {"op":"Replace","path":"emails[type eq \\"home\\"].value","value":"%s"}
                """.formatted("moved." + home));
        assertEquals(List.of(), found("emails[type eq \"home\"].value eq \"" + home + "\""), "a changed email is no longer found by its old value");
        assertEquals(List.of(id), found("emails[type eq \"home\"].value eq \"moved." + home + "\""));
    }

    @Test
    void entra_adds_back_a_member_it_removed_in_both_patch_forms() {
        String ada = entra.createUser(user("readd.ada"));
        Answer created = entra.post("/Groups", """
                {"displayName":"Readd","members":[],"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"]}
                """);
        assertEquals(201, created.status(), created.toString());
        String group = created.body().get("id").asText();

        for (String removal : List.of("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}",
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"%s\\\"]\"}")) {
            assertPatched("/Groups/" + group, """
                    {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}
                    """.formatted(ada));
            assertEquals(Set.of(ada), members(group));
            assertPatched("/Groups/" + group, removal.formatted(ada));
            assertEquals(Set.of(), members(group), "removed: " + removal);
            assertPatched("/Groups/" + group, """
                    {"op":"Add","path":"members","value":[{"$ref":null,"value":"%s"}]}
                    """.formatted(ada));
            assertEquals(Set.of(ada), members(group), "added back after: " + removal);
            assertEquals(1, keycloakMembers(group).stream().filter(ada::equals).count(),
                    "Keycloak holds the membership");
            assertPatched("/Groups/" + group, removal.formatted(ada));
        }
    }

    private List<String> found(String filter) {
        Answer answer = entra.get("/Users?filter=" + query(filter));
        assertEquals(200, answer.status(), filter + ": " + answer);
        List<String> ids = new ArrayList<>();
        answer.body().path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        assertEquals(ids.size(), answer.body().get("totalResults").asInt(), answer.toString());
        return ids;
    }

    private void assertPatched(String path, String operations) {
        Answer answer = entra.patch(path, PATCH.formatted(operations));
        assertTrue(answer.status() == 200 || answer.status() == 204, answer.toString());
    }

    /** The group's members as Keycloak's organization groups API lists them. */
    private List<String> keycloakMembers(String group) {
        return realm.admin().organizations().get(orgId).groups().group(group).getMembers(null, null, null).stream()
                .map(member -> member.getId()).toList();
    }

    private Set<String> members(String group) {
        Answer answer = entra.get("/Groups/" + group);
        assertEquals(200, answer.status(), answer.toString());
        Set<String> ids = new HashSet<>();
        answer.body().path("members").forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    private String user(String localPart) {
        String email = localPart + "@" + domain;
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","active":true,
                 "emails":[{"primary":true,"type":"work","value":"%s"}],"name":{"givenName":"%s","familyName":"Entra"}}
                """.formatted(email, email, localPart);
    }
}
