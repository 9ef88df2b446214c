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

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two organizations in one realm, each with its own directory: neither sees, changes or links the
 * other's users and groups, and a directory cannot provision a user outside its org's domains.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class TenantIsolationTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String acmeDomain;
    String acmeOrgId;
    ScimClient acme;
    ScimClient globex;

    @BeforeEach
    void twoOrgs() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        ScimOrg acmeOrg = ScimOrg.onboard(api, "acme", "Acme Okta");
        acmeDomain = acmeOrg.domain();
        acmeOrgId = acmeOrg.id();
        acme = acmeOrg.directory();
        globex = ScimOrg.onboard(api, "globex", "Globex Entra").directory();
    }

    @Test
    void another_orgs_directory_never_sees_or_changes_this_orgs_users_and_groups() {
        String user = acme.createUser(user("ceo@" + acmeDomain));
        Answer group = acme.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Board\"}");
        assertEquals(201, group.status(), group.toString());
        String groupId = group.body().get("id").asText();
        String admin = realm.admin().users().search("admin", true).stream().findFirst().map(UserRepresentation::getId).orElse(UUID.randomUUID().toString());

        for (String foreign : List.of("/Users/" + user, "/Groups/" + groupId, "/Users/" + admin)) {
            assertNotFound(globex.get(foreign));
            assertNotFound(globex.patch(foreign, PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"pwned\"}")));
            assertNotFound(globex.delete(foreign));
        }
        assertNotFound(globex.put("/Users/" + user, user("ceo@" + acmeDomain)));
        assertEquals(0, globex.get("/Users").body().get("totalResults").asInt());
        JsonNode globexGroups = globex.get("/Groups").body();
        assertEquals(1, globexGroups.get("totalResults").asInt(), "only globex's own default-role group, not even acme's role groups: " + globexGroups);
        assertEquals("member", globexGroups.get("Resources").get(0).get("displayName").asText());
        assertFalse(globexGroups.toString().contains(groupId), "never acme's groups");
        assertEquals(0, globex.get("/Users?filter=" + query("userName eq \"ceo@" + acmeDomain + "\"")).body().get("totalResults").asInt());

        Answer globexGroup = globex.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"Spies\"}");
        String spies = globexGroup.body().get("id").asText();
        Answer link = globex.patch("/Groups/" + spies, PATCH.formatted("{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + user + "\"}]}"));
        assertEquals(400, link.status(), "a foreign member is refused: " + link);
        assertTrue(link.isScimError());
        assertTrue(globex.get("/Groups/" + spies).body().path("members").isEmpty());

        Answer still = acme.get("/Users/" + user);
        assertEquals(200, still.status());
        assertEquals("ceo@" + acmeDomain, still.body().get("userName").asText());
        assertEquals("Board", acme.get("/Groups/" + groupId).body().get("displayName").asText());
    }

    @Test
    void a_user_outside_the_orgs_domains_is_refused_on_post_put_and_patch() {
        Answer post = acme.post("/Users", user("ceo@competitor.test"));
        assertOutsideDomains(post);
        assertEquals(0, acme.get("/Users?filter=" + query("userName eq \"ceo@competitor.test\"")).body().get("totalResults").asInt());

        String id = acme.createUser(user("cfo@" + acmeDomain));
        assertOutsideDomains(acme.put("/Users/" + id, user("cfo@competitor.test")));
        assertOutsideDomains(acme.patch("/Users/" + id, PATCH.formatted("{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"cfo@competitor.test\"}")));
        assertOutsideDomains(acme.patch("/Users/" + id, PATCH.formatted(
                "{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"cfo@competitor.test\",\"primary\":true}]}")));

        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertEquals("cfo@" + acmeDomain, stored.getUsername(), "refused writes change nothing");
        assertEquals("cfo@" + acmeDomain, stored.getEmail());
    }

    @Test
    void a_user_from_a_subdomain_is_refused_unless_the_org_allows_subdomains() {
        assertOutsideDomains(acme.post("/Users", user("dev@eu." + acmeDomain)));

        assertEquals(200, api.put("/orgs/" + acmeOrgId, json(Map.of("policies", Map.of("allowSubdomains", true)))).status());
        assertEquals(201, acme.post("/Users", user("dev@eu." + acmeDomain)).status(), "the same rule as SSO, with the org's policy");
    }

    private void assertOutsideDomains(Answer answer) {
        assertEquals(400, answer.status(), answer.toString());
        assertEquals("invalidValue", answer.scimType());
        assertTrue(answer.detail().contains(acmeDomain), "the message lists what is allowed: " + answer);
    }

    private static void assertNotFound(Answer answer) {
        assertEquals(404, answer.status(), answer.toString());
        assertTrue(answer.isScimError(), answer.toString());
    }


    private static String user(String email) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + email
                + "\",\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}]}";
    }
}
