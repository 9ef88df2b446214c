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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What Okta's SCIM 2.0 provisioning sends, replayed request by request (Okta's "SCIM 2.0 protocol
 * reference" and its test suite): look up by userName, create with {@code application/json},
 * profile updates by PUT, deactivation by PATCH without a path (Okta never deletes a user), and
 * group pushes with Okta's member PATCH forms.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OktaReplayTest {

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    ScimClient okta;
    String domain;
    String orgId;

    @BeforeEach
    void onboard() {
        ScimOrg org = ScimOrg.onboard(new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString()),
                "okta", "Okta");
        domain = org.domain();
        orgId = org.id();
        okta = org.directory().sendingPlainJson();
    }

    @Test
    void okta_creates_updates_deactivates_and_reactivates_a_user() {
        String userName = "test.user@" + domain;
        Answer lookup = okta.get("/Users?filter=" + query("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
        assertEquals(200, lookup.status(), lookup.toString());
        assertEquals(0, lookup.body().get("totalResults").asInt());

        Answer created = okta.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Test User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                 "groups":[],"password":"1mz050nq","active":true}
                """.formatted(userName, userName));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertFalse(created.body().has("password"), "a password is never returned: " + created);
        assertEquals("00ujl29u0le5T6Aj10h7", created.body().get("externalId").asText());
        assertTrue(created.body().get("active").asBoolean());

        Answer found = okta.get("/Users?filter=" + query("userName eq \"" + userName + "\"") + "&startIndex=1&count=100");
        assertEquals(1, found.body().get("totalResults").asInt(), found.toString());
        assertEquals(id, found.body().at("/Resources/0/id").asText());
        assertEquals(created.body(), okta.get("/Users/" + id).body(), "a read answers what the create answered");

        Answer replaced = okta.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "name":{"givenName":"Another","familyName":"User"},
                 "emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"Another User","locale":"en-US","externalId":"00ujl29u0le5T6Aj10h7",
                 "groups":[],"active":true,"meta":{"resourceType":"User"}}
                """.formatted(id, userName, userName));
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals("Another", realm.admin().users().get(id).toRepresentation().getFirstName());
        assertEquals(replaced.body(), okta.get("/Users/" + id).body(), "a read answers what the replace answered");

        Answer deactivated = okta.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":false}}]}
                """);
        assertEquals(200, deactivated.status(), deactivated.toString());
        assertFalse(deactivated.body().get("active").asBoolean());
        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertFalse(stored.isEnabled(), "deactivated users cannot sign in");
        assertEquals("Another", stored.getFirstName(), "and keep their data");
        assertFalse(okta.get("/Users/" + id).body().get("active").asBoolean());

        Answer reactivated = okta.patch("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}
                """);
        assertEquals(200, reactivated.status(), reactivated.toString());
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled());
    }

    @Test
    void okta_pushes_a_group_and_its_members_with_add_remove_and_replace() {
        String ada = okta.createUser(user("ada"));
        String grace = okta.createUser(user("grace"));
        String linus = okta.createUser(user("linus"));

        Answer created = okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Engineering","members":[]}
                """);
        assertEquals(201, created.status(), created.toString());
        String group = created.body().get("id").asText();
        Answer lookup = okta.get("/Groups?filter=" + query("displayName eq \"Engineering\"") + "&startIndex=1&count=100");
        assertEquals(1, lookup.body().get("totalResults").asInt(), lookup.toString());

        patch(group, """
                {"op":"add","path":"members","value":[{"value":"%s","display":"ada@%s"},{"value":"%s","display":"grace@%s"}]}
                """.formatted(ada, domain, grace, domain));
        assertEquals(Set.of(ada, grace), members(group));

        patch(group, """
                {"op":"remove","path":"members[value eq \\"%s\\"]"}
                """.formatted(ada));
        assertEquals(Set.of(grace), members(group));

        patch(group, """
                {"op":"replace","path":"members","value":[{"value":"%s","display":"linus@%s"}]}
                """.formatted(linus, domain));
        assertEquals(Set.of(linus), members(group));

        patch(group, """
                {"op":"replace","value":{"id":"%s","displayName":"Engineering Team"}}
                """.formatted(group));
        assertEquals("Engineering Team", okta.get("/Groups/" + group).body().get("displayName").asText());
        assertEquals(Set.of(linus), members(group), "a rename keeps the members");

        assertEquals(204, okta.delete("/Groups/" + group).status());
        assertEquals(404, okta.get("/Groups/" + group).status());
        assertTrue(realm.admin().users().get(linus).toRepresentation().isEnabled(), "deleting a group keeps its users");
    }

    @Test
    void okta_adds_back_a_member_it_removed() {
        String ada = okta.createUser(user("readd.ada"));
        String grace = okta.createUser(user("readd.grace"));
        String group = okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Readd","members":[]}
                """).body().get("id").asText();
        patch(group, """
                {"op":"add","path":"members","value":[{"value":"%s"},{"value":"%s"}]}
                """.formatted(ada, grace));
        patch(group, """
                {"op":"remove","path":"members[value eq \\"%s\\"]"}
                """.formatted(ada));
        assertEquals(Set.of(grace), members(group));

        patch(group, """
                {"op":"add","path":"members","value":[{"value":"%s","display":"readd.ada@%s"}]}
                """.formatted(ada, domain));

        assertEquals(Set.of(ada, grace), members(group), "the removed member is back");
        assertEquals(1, keycloakMembers(group).stream().filter(ada::equals).count(),
                "Keycloak holds the membership");
    }

    @Test
    void okta_group_push_with_post_and_put_sets_the_membership_exactly() {
        String ada = okta.createUser(user("push.ada"));
        String grace = okta.createUser(user("push.grace"));
        String linus = okta.createUser(user("push.linus"));

        Answer created = okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Pushed",
                 "members":[{"value":"%s","display":"push.ada@%s"},{"value":"%s","display":"push.grace@%s"}]}
                """.formatted(ada, domain, grace, domain));
        assertEquals(201, created.status(), created.toString());
        String group = created.body().get("id").asText();
        assertEquals(Set.of(ada, grace), ids(created.body()), "the create answers its members");
        assertEquals(Set.of(ada, grace), members(group));

        for (Set<String> wanted : List.of(Set.of(grace, linus), Set.of(ada), Set.of(ada, grace, linus), Set.<String>of())) {
            StringBuilder list = new StringBuilder();
            wanted.forEach(id -> list.append(list.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}"));
            Answer replaced = okta.put("/Groups/" + group, """
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"%s","displayName":"Pushed","members":[%s]}
                    """.formatted(group, list));
            assertEquals(200, replaced.status(), replaced.toString());
            assertEquals(wanted, ids(replaced.body()), "the replace answers its members");
            assertEquals(wanted, members(group), "PUT sets exactly " + wanted);
        }
    }

    @Test
    void a_single_email_without_a_primary_flag_is_the_primary() {
        String email = "no.primary@" + domain;
        Answer created = okta.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"No","familyName":"Primary"},"emails":[{"value":"%s","type":"work"}],"active":true}
                """.formatted(email, email));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals(email, realm.admin().users().get(id).toRepresentation().getEmail());
        assertEquals(email, okta.get("/Users/" + id).body().at("/emails/0/value").asText());

        String other = "other.no.primary@" + domain;
        Answer replaced = okta.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s",
                 "emails":[{"value":"%s"}],"active":true}
                """.formatted(id, email, other));
        assertEquals(200, replaced.status(), replaced.toString());
        assertEquals(other, realm.admin().users().get(id).toRepresentation().getEmail());

        Answer outside = okta.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"Outside Primary",
                 "emails":[{"value":"someone@elsewhere.test"}]}
                """);
        assertEquals(400, outside.status(), "an unflagged single email is held to the domains as the primary: " + outside);
    }

    @Test
    void paging_with_okta_counts_gives_every_user_once() {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            created.add(okta.createUser(user("pager" + i)));
        }
        Set<String> seen = new HashSet<>();
        int pages = 0;
        for (int startIndex = 1; startIndex <= 7; startIndex += 3) {
            JsonNode page = okta.get("/Users?startIndex=" + startIndex + "&count=3").body();
            assertEquals(7, page.get("totalResults").asInt(), page.toString());
            assertEquals(startIndex, page.get("startIndex").asInt());
            page.get("Resources").forEach(resource -> assertTrue(seen.add(resource.get("id").asText()), "seen twice: " + resource));
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(created, seen);
    }

    @Test
    void a_second_push_of_the_same_user_is_a_uniqueness_conflict() {
        okta.createUser(user("twice"));
        Answer again = okta.post("/Users", user("TWICE"));
        assertEquals(409, again.status(), again.toString());
        assertEquals("uniqueness", again.scimType());
        assertTrue(again.isScimError());
    }

    /**
     * Okta sends one PATCH per membership change, and several at once for one group (its import
     * and push run in parallel). Each adds its own member; none may undo another's, and none may
     * fail on another's.
     */
    @Test
    void parallel_patches_of_one_group_each_add_their_member() throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            users.add(okta.createUser(user("parallel" + i)));
        }
        String group = okta.post("/Groups", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Parallel","members":[]}
                """).body().get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Answer>> answers = new ArrayList<>();
        for (String user : users) {
            answers.add(pool.submit(() -> okta.patch("/Groups/" + group,
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                            + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}]}")));
        }
        for (Future<Answer> answer : answers) {
            Answer patched = answer.get(2, TimeUnit.MINUTES);
            assertTrue(patched.status() == 200 || patched.status() == 204, patched.toString());
        }
        pool.shutdown();
        assertEquals(Set.copyOf(users), members(group), "every parallel add took");

        List<Future<Answer>> removals = new ArrayList<>();
        ExecutorService again = Executors.newFixedThreadPool(6);
        for (String user : users.subList(0, 6)) {
            removals.add(again.submit(() -> okta.patch("/Groups/" + group,
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                            + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + user + "\\\"]\"}]}")));
        }
        for (Future<Answer> answer : removals) {
            Answer patched = answer.get(2, TimeUnit.MINUTES);
            assertTrue(patched.status() == 200 || patched.status() == 204, patched.toString());
        }
        again.shutdown();
        assertEquals(Set.copyOf(users.subList(6, 12)), members(group), "every parallel removal took, and only those");
    }

    /** Okta accepts 200 with the group or 204 without a body. */
    private void patch(String group, String operation) {
        Answer answer = okta.patch("/Groups/" + group,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[" + operation + "]}");
        assertTrue(answer.status() == 200 || answer.status() == 204, answer.toString());
    }

    private static Set<String> ids(JsonNode group) {
        Set<String> ids = new HashSet<>();
        group.path("members").forEach(member -> ids.add(member.get("value").asText()));
        return ids;
    }

    /** The group's members as Keycloak's organization groups API lists them. */
    private List<String> keycloakMembers(String group) {
        return realm.admin().organizations().get(orgId).groups().group(group).getMembers(null, null, null).stream()
                .map(member -> member.getId()).toList();
    }

    private Set<String> members(String group) {
        Answer answer = okta.get("/Groups/" + group);
        assertEquals(200, answer.status(), answer.toString());
        Set<String> ids = new HashSet<>();
        answer.body().path("members").forEach(member -> ids.add(member.get("value").asText()));
        assertNotNull(answer.body().get("displayName"));
        return ids;
    }

    private String user(String localPart) {
        String email = localPart + "@" + domain;
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"%s","familyName":"Okta"},"emails":[{"primary":true,"value":"%s","type":"work"}],
                 "displayName":"%s Okta","active":true}
                """.formatted(email, localPart, email.toLowerCase(), localPart);
    }
}
