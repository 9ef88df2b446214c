package io.gatehouse.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimClient.Answer;
import io.gatehouse.it.support.ScimOrg;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A directory acts on the managed members its organization's directories and connections brought
 * in, never on the organization's other members: the vendor's support account (the break-glass
 * account) and a member an admin added, such as an invited admin who signed up with a password.
 * Whatever a hostile directory sends about them, they do not exist to it, and taking their
 * userName or email is refused as any other collision is. Were it otherwise, a customer's IT
 * admin could rewrite the support account's email to their own and take it over with "Forgot
 * password".
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class UnmanagedMembersTest {

    private static final String PATCH = "{\"schemas\":[\"" + ScimClient.PATCH_SCHEMA + "\"],\"Operations\":[%s]}";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    String orgId;
    String domain;
    ScimClient directory;
    Hidden support;
    Hidden invitedAdmin;
    String managed;

    /** An organization member that no directory or connection brought in. */
    record Hidden(String id, String userName, String email) {
    }

    @BeforeEach
    void orgWithSupportAccountAndAnAdminAddedMember() {
        GatehouseApi api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        ScimOrg org = ScimOrg.onboard(api, "hostile", "Okta");
        orgId = org.id();
        domain = org.domain();
        directory = org.directory();

        ApiResponse created = api.post("/orgs/" + orgId + "/support-account", "");
        assertEquals(201, created.status(), created.toString());
        String supportId = created.body().get("userId").asText();
        support = new Hidden(supportId, created.body().get("username").asText(), realm.admin().users().get(supportId).toRepresentation().getEmail());

        String adminId = localUser("it-admin@" + domain);
        try (Response added = realm.admin().organizations().get(orgId).members().addMember(adminId)) {
            assertEquals(201, added.getStatus());
        }
        invitedAdmin = new Hidden(adminId, "it-admin@" + domain, "it-admin@" + domain);

        managed = directory.createUser(user("alice@" + domain, "alice@" + domain));
    }

    @Test
    void the_support_account_does_not_exist_to_the_directory() {
        assertUnreachable(support);
    }

    @Test
    void a_member_an_admin_added_does_not_exist_to_the_directory() {
        assertUnreachable(invitedAdmin);
    }

    @Test
    void a_new_user_with_an_unmanaged_members_username_or_email_is_refused_as_any_collision_is() {
        String local = localUser("local@" + domain);
        Answer managedCollision = directory.post("/Users", user("alice@" + domain, "alice@" + domain));
        assertTaken(managedCollision, managed);

        List<Answer> collisions = List.of(
                directory.post("/Users", user(invitedAdmin.userName(), "fresh2@" + domain)),
                directory.post("/Users", user("fresh3@" + domain, invitedAdmin.email())),
                directory.post("/Users", user("local@" + domain, "fresh4@" + domain)));
        for (Answer collision : collisions) {
            assertTaken(collision, support.id());
            assertTaken(collision, invitedAdmin.id());
            assertTaken(collision, local);
            assertEquals(managedCollision.detail(), collision.detail(), "the same words as any other collision: " + collision);
        }

        // a userName that is no email is the directory's own name: it never reaches the support account's username
        Answer namesake = directory.post("/Users", user(support.userName(), "fresh1@" + domain));
        assertEquals(201, namesake.status(), namesake.toString());
        String namesakeId = namesake.body().get("id").asText();
        assertNotEquals(support.id(), namesakeId);
        assertTrue(realm.admin().users().get(namesakeId).toRepresentation().getUsername().startsWith("scim-"), "a derived Keycloak username");
        Answer renamed = directory.patch("/Users/" + managed, PATCH.formatted("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + support.userName() + "\"}"));
        assertTaken(renamed, namesakeId);
        assertEquals(managedCollision.detail(), renamed.detail());

        assertEquals(1, realm.admin().users().search(support.userName(), true).size());
        assertEquals(support.userName(), realm.admin().users().get(support.id()).toRepresentation().getUsername());
        assertEquals(support.email(), realm.admin().users().get(support.id()).toRepresentation().getEmail());
        assertEquals(2, directory.get("/Users").body().get("totalResults").asInt(), "alice and the namesake: " + directory.get("/Users"));
    }

    @Test
    void a_group_write_leaves_the_unmanaged_members_of_the_group_alone() {
        Answer groups = directory.get("/Groups");
        assertEquals(200, groups.status(), groups.toString());
        String roleGroup = null;
        String roleName = null;
        for (JsonNode group : groups.body().path("Resources")) {
            List<String> members = memberIds(group);
            assertFalse(members.contains(support.id()) || members.contains(invitedAdmin.id()), "a hidden member listed: " + group);
            if (members.contains(managed)) {
                roleGroup = group.get("id").asText();
                roleName = group.get("displayName").asText();
            }
        }
        assertNotNull(roleGroup, "alice holds the org's default role group: " + groups);
        assertEquals(Set.of(managed, support.id(), invitedAdmin.id()), keycloakMembers(roleGroup), "all three joined the default role's group");
        for (Hidden hidden : List.of(support, invitedAdmin)) {
            Answer byMember = directory.get("/Groups?filter=" + query("members.value eq \"" + hidden.id() + "\""));
            assertEquals(200, byMember.status(), byMember.toString());
            assertEquals(0, byMember.body().get("totalResults").asInt(), byMember.toString());
        }

        Answer replaced = directory.put("/Groups/" + roleGroup, "{\"schemas\":[\"" + ScimClient.GROUP_SCHEMA + "\"],\"displayName\":\""
                + roleName + "\",\"members\":[]}");
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals(Set.of(support.id(), invitedAdmin.id()), keycloakMembers(roleGroup), "only alice left");

        assertEquals(200, directory.patch("/Groups/" + roleGroup, PATCH.formatted("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + managed + "\"}]}")).status());
        Answer removedAll = directory.patch("/Groups/" + roleGroup, PATCH.formatted("{\"op\":\"remove\",\"path\":\"members\"}"));
        assertTrue(removedAll.status() == 200 || removedAll.status() == 204, removedAll.toString());
        assertEquals(Set.of(support.id(), invitedAdmin.id()), keycloakMembers(roleGroup));

        Answer deleted = directory.delete("/Groups/" + roleGroup);
        assertEquals(409, deleted.status(), "deleting the group would take the hidden members' role away: " + deleted);
        assertTrue(deleted.body().toString().contains("does not manage"), deleted.toString());
        assertEquals(Set.of(support.id(), invitedAdmin.id()), keycloakMembers(roleGroup), "the group and its hidden members stay");
    }

    /** The hostile corpus: every way to read, find, change, delete or group the user, and the user is as it was. */
    private void assertUnreachable(Hidden hidden) {
        String path = "/Users/" + hidden.id();

        assertNotFound(directory.get(path));
        for (String filter : List.of("userName eq \"" + hidden.userName() + "\"", "emails.value eq \"" + hidden.email() + "\"",
                "id eq \"" + hidden.id() + "\"", "userName sw \"" + hidden.userName().substring(0, 4) + "\"")) {
            Answer found = directory.get("/Users?filter=" + query(filter));
            assertEquals(200, found.status(), found.toString());
            assertEquals(0, found.body().get("totalResults").asInt(), filter + ": " + found);
            Answer searched = directory.post("/Users/.search", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],\"filter\":"
                    + GatehouseApi.json(filter) + "}");
            assertEquals(0, searched.body().get("totalResults").asInt(), filter + ": " + searched);
        }
        Answer all = directory.get("/Users?count=1000");
        assertEquals(1, all.body().get("totalResults").asInt(), "only alice counts: " + all);
        assertFalse(all.rawBody().contains(hidden.id()), all.toString());

        String takeover = "mallory@" + domain;
        assertNotFound(directory.put(path, user(hidden.userName(), takeover)));
        assertNotFound(directory.patch(path, PATCH.formatted("{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"" + takeover + "\",\"primary\":true}]}")));
        assertNotFound(directory.patch(path, PATCH.formatted("{\"op\":\"replace\",\"value\":{\"userName\":\"" + takeover + "\"}}")));
        assertNotFound(directory.patch(path, PATCH.formatted("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")));
        assertNotFound(directory.delete(path));

        Answer group = directory.post("/Groups", "{\"schemas\":[\"" + ScimClient.GROUP_SCHEMA + "\"],\"displayName\":\"Takeover " + hidden.id() + "\"}");
        assertEquals(201, group.status(), group.toString());
        String groupId = group.body().get("id").asText();
        Answer added = directory.patch("/Groups/" + groupId, PATCH.formatted("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + hidden.id() + "\"}]}"));
        assertEquals(400, added.status(), added.toString());
        assertTrue(added.isScimError(), added.toString());
        Answer created = directory.post("/Groups", "{\"schemas\":[\"" + ScimClient.GROUP_SCHEMA + "\"],\"displayName\":\"Takeover 2 " + hidden.id()
                + "\",\"members\":[{\"value\":\"" + hidden.id() + "\"}]}");
        assertEquals(400, created.status(), created.toString());
        assertEquals(Set.of(), keycloakMembers(groupId));

        UserRepresentation stored = realm.admin().users().get(hidden.id()).toRepresentation();
        assertEquals(hidden.userName(), stored.getUsername());
        assertEquals(hidden.email(), stored.getEmail(), "the email is the user's own still");
        assertTrue(stored.isEnabled());

        Answer alice = directory.patch("/Users/" + managed, PATCH.formatted("{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"alice.b@"
                + domain + "\",\"primary\":true}]}"));
        assertEquals(200, alice.status(), "a managed user is the directory's to change: " + alice);
        assertEquals("alice.b@" + domain, realm.admin().users().get(managed).toRepresentation().getEmail());
        assertEquals(204, directory.delete("/Users/" + managed).status());
    }

    private String localUser(String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(email);
        user.setEmail(email);
        user.setFirstName("Local");
        user.setLastName("Account");
        user.setEnabled(true);
        try (Response created = realm.admin().users().create(user)) {
            assertEquals(201, created.getStatus());
        }
        return realm.admin().users().search(email, true).get(0).getId();
    }

    private Set<String> keycloakMembers(String groupId) {
        return Set.copyOf(realm.admin().organizations().get(orgId).groups().group(groupId).getMembers(null, null, null).stream()
                .map(MemberRepresentation::getId).toList());
    }

    private static List<String> memberIds(JsonNode group) {
        List<String> ids = new ArrayList<>();
        group.path("members").forEach(member -> ids.add(member.path("value").asText()));
        return ids;
    }

    private static void assertTaken(Answer answer, String notRevealed) {
        assertEquals(409, answer.status(), answer.toString());
        assertTrue(answer.isScimError(), answer.toString());
        assertEquals("uniqueness", answer.scimType());
        assertFalse(answer.rawBody().contains(notRevealed), "no id in a collision: " + answer);
        assertFalse(answer.body().has("id"), answer.toString());
    }

    private static void assertNotFound(Answer answer) {
        assertEquals(404, answer.status(), answer.toString());
        assertTrue(answer.isScimError(), answer.toString());
    }

    private static String user(String userName, String email) {
        return "{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"" + userName
                + "\",\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}]}";
    }
}
