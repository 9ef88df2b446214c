package io.gatehouse.it.scim;

import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimClient.Answer;
import io.gatehouse.it.support.ScimOrg;
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

import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A userName is kept as the directory sent it, whatever its characters, and compared ignoring
 * case; one that is not an email in the organization's domains (or that Keycloak's username
 * rules refuse) gets a Keycloak username derived for the organization, so it never takes a
 * name another organization, or anyone registering, could need.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class UserNamesTest {

    private static final String NEURALEGION = "#John Do`e\u00a5";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    ScimClient scim;
    ScimClient otherOrg;
    String domain;

    @BeforeEach
    void onboard() {
        GatehouseApi api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        ScimOrg org = ScimOrg.onboard(api, "names", "Names");
        domain = org.domain();
        scim = org.directory();
        otherOrg = ScimOrg.onboard(api, "names-other", "Other").directory();
    }

    @Test
    void a_user_name_with_symbols_and_no_email_is_kept_exactly_and_found_by_filters() {
        String userName = NEURALEGION + " " + unique();
        Answer created = scim.post("/Users", user(userName));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals(userName, created.body().get("userName").asText(), "answered as sent");
        assertEquals(userName, scim.get("/Users/" + id).body().get("userName").asText(), "read as sent");

        String keycloakName = realm.admin().users().get(id).toRepresentation().getUsername();
        assertTrue(keycloakName.matches("scim-[a-z2-7]{32}"), "a derived Keycloak username: " + keycloakName);

        assertEquals(List.of(id), found(scim, "userName eq \"" + userName.toUpperCase() + "\""), "eq ignores case");
        assertEquals(List.of(id), found(scim, "userName sw \"#JOHN DO`E\""), "sw on the kept userName");
        assertEquals(List.of(id), found(scim, "userName co \"" + userName.substring(userName.length() - 8) + "\""));
        assertEquals(List.of(id), found(scim, "userName ew \"" + userName.substring(3) + "\" and userName pr"));
        assertEquals(List.of(), found(scim, "userName sw \"scim-\""), "the derived name is not the userName");
        assertEquals(List.of(), found(scim, "userName eq \"" + keycloakName + "\""), "nor found as one");
    }

    @Test
    void unicode_user_names_compare_in_any_case_and_normalization() {
        String composed = "Zo\u00eb \u00c5ngstr\u00f6m " + unique();
        String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD).toUpperCase();
        String id = scim.createUser(user(composed));

        assertEquals(composed, scim.get("/Users/" + id).body().get("userName").asText());
        assertEquals(List.of(id), found(scim, "userName eq \"" + decomposed + "\""));
        Answer again = scim.post("/Users", user(decomposed));
        assertEquals(409, again.status(), "the same userName in other case and normalization: " + again);
        assertEquals("uniqueness", again.scimType());
    }

    @Test
    void a_user_name_is_unique_in_its_organization_ignoring_case_even_for_parallel_creates() throws Exception {
        String userName = "jdoe-" + unique();
        scim.createUser(user(userName));
        Answer again = scim.post("/Users", user(userName.toUpperCase()));
        assertEquals(409, again.status(), again.toString());
        assertEquals("uniqueness", again.scimType());
        assertTrue(again.isScimError());

        String raced = "raced-" + unique();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String casing = i % 2 == 0 ? raced : raced.toUpperCase();
                answers.add(pool.submit((Callable<Answer>) () -> scim.post("/Users", user(casing))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                statuses.add(answer.get().status());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, found(scim, "userName eq \"" + raced + "\"").size());
    }

    @Test
    void the_same_name_in_two_organizations_is_two_users_each_found_only_by_its_own_directory() {
        String userName = "shared-" + unique();
        String mine = scim.createUser(user(userName));
        String theirs = otherOrg.createUser(user(userName));

        assertNotEquals(mine, theirs);
        assertNotEquals(realm.admin().users().get(mine).toRepresentation().getUsername(),
                realm.admin().users().get(theirs).toRepresentation().getUsername(), "each organization derives its own name");
        assertEquals(List.of(mine), found(scim, "userName eq \"" + userName + "\""));
        assertEquals(List.of(theirs), found(otherOrg, "userName eq \"" + userName + "\""));
        assertEquals(404, scim.get("/Users/" + theirs).status());
    }

    @Test
    void a_local_account_with_the_name_takes_nothing_from_the_directory() {
        String userName = "local-" + unique();
        UserRepresentation local = new UserRepresentation();
        local.setUsername(userName);
        local.setEnabled(true);
        try (Response response = realm.admin().users().create(local)) {
            assertEquals(201, response.getStatus());
        }

        String id = scim.createUser(user(userName));

        assertNotEquals(realm.admin().users().search(userName, true).get(0).getId(), id, "the directory's user is another account");
        assertEquals(List.of(id), found(scim, "userName eq \"" + userName + "\""), "and the local account is not seen");
    }

    @Test
    void renaming_moves_the_derived_name_and_the_filters_follow() {
        String before = "before-" + unique();
        String after = "After Rename " + unique();
        String id = scim.createUser(user(before));
        String derivedBefore = realm.admin().users().get(id).toRepresentation().getUsername();

        Answer renamed = scim.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"%s","userName":"%s","active":true}
                """.formatted(id, after));
        assertEquals(200, renamed.status(), renamed.toString());
        assertEquals(after, renamed.body().get("userName").asText());
        assertNotEquals(derivedBefore, realm.admin().users().get(id).toRepresentation().getUsername());
        assertEquals(List.of(), found(scim, "userName eq \"" + before + "\""));
        assertEquals(List.of(id), found(scim, "userName eq \"" + after.toLowerCase() + "\""));

        String reused = scim.createUser(user(before));
        assertNotEquals(id, reused, "the old name is free again");
    }

    @Test
    void an_email_user_name_stays_the_keycloak_username_and_must_be_in_the_domains() {
        String email = "Ada.Lovelace." + unique() + "@" + domain;
        Answer created = scim.post("/Users", user(email));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals(email, created.body().get("userName").asText(), "kept in the case it was sent");
        assertEquals(email.toLowerCase(), realm.admin().users().get(id).toRepresentation().getUsername(),
                "the person signs in with SSO by this email, as before");
        assertEquals(List.of(id), found(scim, "userName eq \"" + email.toLowerCase() + "\""));

        Answer outside = scim.post("/Users", user("someone." + unique() + "@elsewhere.test"));
        assertEquals(400, outside.status(), outside.toString());
        assertEquals("invalidValue", outside.scimType());
        assertTrue(outside.detail().contains("outside this organization's domains"), outside.toString());

        Answer nameWithOutsideEmail = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","emails":[{"value":"x@elsewhere.test","primary":true}]}
                """.formatted("named-" + unique()));
        assertEquals(400, nameWithOutsideEmail.status(), "a primary email outside the domains is still refused: " + nameWithOutsideEmail);
    }

    @Test
    void an_in_domain_email_keycloak_refuses_as_a_username_gets_a_derived_name() {
        String email = "o'brien." + unique() + "@" + domain;
        Answer created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s","emails":[{"value":"%s","primary":true}]}
                """.formatted(email, email));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals(email, created.body().get("userName").asText());
        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertTrue(stored.getUsername().startsWith("scim-"), stored.getUsername());
        assertEquals(email, stored.getEmail(), "the email, by which SSO finds the person, is unchanged");
        assertEquals(List.of(id), found(scim, "userName eq \"" + email + "\""));
    }

    private static List<String> found(ScimClient directory, String filter) {
        Answer answer = directory.get("/Users?filter=" + query(filter));
        assertEquals(200, answer.status(), filter + ": " + answer);
        List<String> ids = new ArrayList<>();
        answer.body().path("Resources").forEach(resource -> ids.add(resource.get("id").asText()));
        assertEquals(ids.size(), answer.body().get("totalResults").asInt(), answer.toString());
        return ids;
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":" + json(userName) + ",\"active\":true}";
    }

    private static String json(String value) {
        return GatehouseApi.json(value);
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
