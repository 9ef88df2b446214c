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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SCIM protocol as RFC 7643/7644 describe it: discovery tells the truth, query parameters
 * work, names are stored as sent, and bad input gets a SCIM error document with the right status
 * and scimType, writes nothing, and never a 500.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ProtocolTest {

    private static final String PATCH = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[%s]}";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    ScimClient scim;
    String domain;

    @BeforeEach
    void onboard() {
        ScimOrg org = ScimOrg.onboard(new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString()),
                "proto", "Protocol");
        domain = org.domain();
        scim = org.directory();
    }

    @Test
    void discovery_describes_what_the_directory_really_does() {
        JsonNode config = scim.get("/ServiceProviderConfig").body();
        assertTrue(config.at("/patch/supported").asBoolean());
        assertTrue(config.at("/filter/supported").asBoolean());
        assertEquals(200, config.at("/filter/maxResults").asInt(), "the configured page maximum");
        assertTrue(config.at("/sort/supported").asBoolean());
        assertTrue(config.at("/etag/supported").asBoolean());
        assertFalse(config.at("/bulk/supported").asBoolean());
        assertFalse(config.at("/changePassword/supported").asBoolean());
        assertEquals("oauthbearertoken", config.at("/authenticationSchemes/0/type").asText());

        List<String> schemas = new ArrayList<>();
        scim.get("/Schemas").body().get("Resources").forEach(schema -> schemas.add(schema.get("id").asText()));
        assertTrue(schemas.containsAll(List.of(ScimClient.USER_SCHEMA, ScimClient.GROUP_SCHEMA, ScimClient.ENTERPRISE_SCHEMA)), schemas.toString());

        List<String> types = new ArrayList<>();
        scim.get("/ResourceTypes").body().get("Resources").forEach(type -> types.add(type.get("name").asText() + " " + type.get("endpoint").asText()));
        assertTrue(types.containsAll(List.of("User /Users", "Group /Groups")), types.toString());
    }

    @Test
    void writes_to_the_discovery_endpoints_are_405_scim_errors_and_bulk_is_not_implemented() {
        String schema = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Schema\"],\"id\":\"urn:sap:cloud:scim:schemas:extension:custom:2.0:x\"}";
        List<Answer> refused = List.of(
                scim.post("/Schemas", schema),
                scim.delete("/Schemas/" + ScimClient.USER_SCHEMA),
                scim.put("/Schemas/" + ScimClient.USER_SCHEMA, schema),
                scim.put("/ServiceProviderConfig", "{}"),
                scim.patch("/ServiceProviderConfig", PATCH.formatted("{\"op\":\"replace\",\"path\":\"patch.supported\",\"value\":false}")),
                scim.post("/ResourceTypes", "{}"),
                scim.delete("/ResourceTypes/User"));
        for (Answer answer : refused) {
            assertEquals(405, answer.status(), answer.toString());
            assertTrue(answer.isScimError(), answer.toString());
        }
        assertTrue(scim.get("/ServiceProviderConfig").body().at("/patch/supported").asBoolean(), "nothing changed");
        assertEquals(200, scim.get("/Schemas/" + ScimClient.USER_SCHEMA).status());

        Answer bulk = scim.post("/Bulk", "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":[]}");
        assertTrue(bulk.isScimError(), bulk.toString());
        assertTrue(bulk.status() == 501 || bulk.status() == 404 || bulk.status() == 400, "bulk is not offered: " + bulk);
    }

    @Test
    void a_patch_that_is_no_patch_op_is_400_before_its_target_is_looked_up() {
        String id = scim.createUser("{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"patched@" + domain + "\"}");
        List<String> malformed = List.of(
                "{\"schemas\":[\"IllegalPatchSchema\"],\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
                "{\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
                PATCH.formatted(""),
                PATCH.formatted("{\"op\":\"merge\",\"path\":\"active\",\"value\":false}"),
                "[]");
        for (String body : malformed) {
            for (String target : List.of("/Users/" + id, "/Users/" + UUID.randomUUID(), "/Groups/" + UUID.randomUUID())) {
                Answer refused = scim.patch(target, body);
                assertEquals(400, refused.status(), target + " " + body + ": " + refused);
                assertTrue(refused.isScimError(), refused.toString());
            }
        }
        for (String path : List.of("userName.userName", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeNumber")) {
            Answer unknown = scim.patch("/Users/" + UUID.randomUUID(), PATCH.formatted("{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"x\"}"));
            assertEquals(400, unknown.status(), path + ": " + unknown);
            assertEquals("invalidPath", unknown.scimType(), unknown.toString());
        }
        Map<String, String> untargeted = Map.of(
                "{\"op\":\"remove\"}", "noTarget",
                "{\"op\":\"remove\",\"path\":\"\",\"value\":{\"displayName\":\"x\"}}", "noTarget",
                "{\"op\":\"add\",\"path\":\"displayName\"}", "invalidSyntax",
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":null}", "invalidSyntax",
                "{\"op\":\"add\",\"value\":10}", "invalidValue",
                "{\"op\":\"replace\",\"path\":\"\",\"value\":10}", "invalidValue");
        untargeted.forEach((operation, scimType) -> {
            for (String target : List.of("/Users/" + id, "/Groups/" + UUID.randomUUID())) {
                Answer refused = scim.patch(target, PATCH.formatted(operation));
                assertEquals(400, refused.status(), target + " " + operation + ": " + refused);
                assertEquals(scimType, refused.scimType(), refused.toString());
            }
        });
        assertTrue(scim.get("/Users/" + id).body().get("active").asBoolean(), "nothing changed");
        assertEquals(404, scim.patch("/Users/" + UUID.randomUUID(), PATCH.formatted("{\"op\":\"Replace\",\"path\":\"active\",\"value\":false}")).status(),
                "a well-formed PATCH of no user is 404");
        assertEquals(200, scim.patch("/Users/" + id, PATCH.formatted("{\"op\":\"replace\",\"value\":{\"active\":false}}")).status(),
                "Okta's and Entra's pathless replace of an object still applies");
    }

    @Test
    void a_directory_that_sends_a_user_without_emails_clears_the_email() {
        String id = scim.createUser("{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"plain-name\",\"emails\":[{\"value\":\"kept@"
                + domain + "\",\"primary\":true}]}");
        assertEquals("kept@" + domain, realm.admin().users().get(id).toRepresentation().getEmail());

        Answer replaced = scim.put("/Users/" + id, "{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"plain-name\"}");

        assertEquals(200, replaced.status(), replaced.toString());
        assertFalse(replaced.body().has("emails"), replaced.toString());
        assertEquals(null, realm.admin().users().get(id).toRepresentation().getEmail(), "taking the email away claims no domain");
    }

    @Test
    void an_id_that_cannot_be_a_uuid_is_400_and_a_missing_uuid_404() {
        String malformed = "e87ca7b1-35f4d-493d-96f2-5ba3cf43deb";
        for (String type : List.of("/Users/", "/Groups/")) {
            for (Answer answer : List.of(scim.get(type + malformed), scim.delete(type + malformed),
                    scim.patch(type + malformed, PATCH.formatted("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}")))) {
                assertEquals(400, answer.status(), type + ": " + answer);
                assertEquals("invalidValue", answer.scimType(), answer.toString());
            }
            Answer missing = scim.get(type + UUID.randomUUID().toString().toUpperCase());
            assertEquals(404, missing.status(), missing.toString());
            assertTrue(missing.isScimError(), missing.toString());
        }
    }

    @Test
    void a_refusal_whose_reason_is_longer_than_an_admin_events_error_column_is_still_a_scim_error() {
        String id = scim.createUser("{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"long.reason@" + domain + "\"}");
        Answer refused = scim.put("/Users/" + id, "{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"long.reason@" + domain
                + "\",\"userType\":{\"padding\":\"" + "x".repeat(600) + "\"}}");

        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.isScimError(), refused.toString());
        assertTrue(refused.detail().length() > 255, "the engine's reason echoes the document: " + refused.detail().length());
    }

    @Test
    void unicode_names_are_stored_as_sent() {
        Answer created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"jöhn.dœ@%s",
                 "name":{"givenName":"#John","familyName":"Do`e¥","formatted":"#John Do`e¥"},"displayName":"#John Do`e¥ 山田"}
                """.formatted(domain));

        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        JsonNode read = scim.get("/Users/" + id).body();
        assertEquals("jöhn.dœ@" + domain, read.get("userName").asText());
        assertEquals("#John", read.at("/name/givenName").asText());
        assertEquals("Do`e¥", read.at("/name/familyName").asText());
        assertEquals("#John Do`e¥ 山田", read.get("displayName").asText());
        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertEquals("#John", stored.getFirstName());
        assertEquals("Do`e¥", stored.getLastName());
    }

    /**
     * Keycloak keeps user attributes on MariaDB in utf8mb3 columns, which cannot hold characters
     * beyond Unicode's Basic Multilingual Plane: there such a name is refused with the reason.
     */
    @Test
    void an_emoji_is_stored_as_sent_or_refused_with_the_reason_where_the_database_cannot_hold_it() {
        Answer created = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"rocket@%s","displayName":"Rocket 🚀"}
                """.formatted(domain));

        if ("mariadb".equals(System.getenv("GATEHOUSE_IT_DATABASE"))) {
            assertEquals(400, created.status(), created.toString());
            assertEquals("invalidValue", created.scimType());
            assertTrue(created.detail().contains("cannot store"), created.toString());
            assertEquals(0, count("userName eq \"rocket@" + domain + "\""), "nothing written");
        } else {
            assertEquals(201, created.status(), created.toString());
            assertEquals("Rocket 🚀", scim.get("/Users/" + created.body().get("id").asText()).body().get("displayName").asText());
        }
    }

    @Test
    void a_user_needs_only_a_user_name_but_the_profile_still_refuses_what_it_should() {
        Answer bare = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bare@" + domain + "\"}");
        assertEquals(201, bare.status(), "no name and no email is fine: " + bare);

        Answer tooLong = scim.post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"long@%s","name":{"givenName":"%s"}}
                """.formatted(domain, "x".repeat(300)));
        assertEquals(400, tooLong.status(), tooLong.toString());
        assertEquals("invalidValue", tooLong.scimType());
        assertTrue(tooLong.detail().contains("firstName"), "says why: " + tooLong);
        assertEquals(0, count("userName eq \"long@" + domain + "\""));
    }

    @Test
    void queries_sort_select_attributes_search_and_honour_etags() {
        for (String name : List.of("carol", "alice", "bob")) {
            scim.createUser("""
                    {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s@%s","displayName":"%s",
                     "emails":[{"value":"%s@%s","primary":true,"type":"work"}]}
                    """.formatted(name, domain, name, name, domain));
        }
        JsonNode sorted = scim.get("/Users?sortBy=userName&sortOrder=descending&attributes=userName").body();
        List<String> names = new ArrayList<>();
        sorted.get("Resources").forEach(user -> names.add(user.get("userName").asText()));
        assertEquals(List.of("carol@" + domain, "bob@" + domain, "alice@" + domain), names);
        assertFalse(sorted.at("/Resources/0").has("emails"), "only the attributes asked for: " + sorted);

        assertEquals(1, count("emails.value eq \"bob@" + domain + "\""));
        assertEquals(1, count("displayName eq \"alice\" and userName sw \"alice\""));
        assertEquals(2, count("userName sw \"b\" or userName sw \"c\""));

        Answer searched = scim.post("/Users/.search", """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":"userName eq \\"alice@%s\\"","startIndex":1,"count":10}
                """.formatted(domain));
        assertEquals(200, searched.status(), searched.toString());
        assertEquals(1, searched.body().get("totalResults").asInt());

        String id = searched.body().at("/Resources/0/id").asText();
        Answer read = scim.get("/Users/" + id);
        assertTrue(read.etag() != null && !read.etag().isBlank(), "an ETag on every resource: " + read);
        assertEquals(read.etag(), read.body().at("/meta/version").asText());
    }

    @Test
    void malformed_json_is_a_bad_request_and_writes_nothing() {
        Answer answer = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"half@" + domain);

        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.isScimError(), answer.toString());
        assertEquals(0, count("userName eq \"half@" + domain + "\""));
        assertFalse(answer.rawBody().contains("Exception"), "no stack trace: " + answer);
    }

    @Test
    void an_invalid_filter_is_invalid_filter() {
        Answer answer = scim.get("/Users?filter=" + query("userName eq"));

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("invalidFilter", answer.scimType());
    }

    @Test
    void an_unknown_patch_path_is_invalid_path_and_changes_nothing() {
        String id = scim.createUser("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"path@" + domain
                + "\",\"displayName\":\"Before\"}");

        Answer answer = scim.patch("/Users/" + id, PATCH.formatted(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"After\"},{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"44\"}"));

        assertEquals(400, answer.status(), answer.toString());
        assertEquals("invalidPath", answer.scimType());
        assertEquals("Before", scim.get("/Users/" + id).body().get("displayName").asText(), "no partial write");
    }

    @Test
    void a_body_over_the_limit_is_413() {
        String huge = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"big@" + domain
                + "\",\"displayName\":\"" + "é".repeat(600_000) + "\"}";

        Answer answer = scim.post("/Users", huge);

        assertEquals(413, answer.status(), answer.toString().substring(0, Math.min(300, answer.toString().length())));
        assertTrue(answer.isScimError());
        assertEquals(0, count("userName eq \"big@" + domain + "\""));
    }

    @Test
    void a_missing_or_wrong_token_is_401_with_a_scim_error() {
        for (String token : List.of("", "not-a-token", scim.token() + "x")) {
            Answer answer = scim.withToken(token).get("/Users");
            assertEquals(401, answer.status(), token + ": " + answer);
            assertTrue(answer.isScimError(), answer.toString());
        }
    }

    @Test
    void ten_parallel_posts_of_one_user_name_create_exactly_one_user() throws Exception {
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"race@" + domain + "\"}";
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Answer>> posts = IntStream.range(0, 10)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> scim.post("/Users", body), pool)).toList();
            List<Answer> answers = new ArrayList<>();
            for (CompletableFuture<Answer> post : posts) {
                answers.add(post.get());
            }
            assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), answers.toString());
            answers.stream().filter(a -> a.status() != 201).forEach(a -> {
                assertEquals(409, a.status(), a.toString());
                assertEquals("uniqueness", a.scimType());
            });
        } finally {
            pool.shutdown();
        }
        assertEquals(1, count("userName eq \"race@" + domain + "\""));
        assertEquals(1, realm.admin().users().search("race@" + domain, true).size());
    }

    @Test
    void a_page_is_never_larger_than_the_configured_maximum() {
        for (int i = 0; i < 201; i++) {
            scim.createUser("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"u" + i + "@" + domain + "\"}");
        }

        JsonNode page = scim.get("/Users?count=100000").body();

        assertEquals(201, page.get("totalResults").asInt());
        assertEquals(200, page.get("Resources").size());
        assertEquals(200, page.get("itemsPerPage").asInt());
    }

    @Test
    void sap_id_paging_gives_every_user_once_in_id_order_and_ends_with_end() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            created.add(scim.createUser("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"page" + i + "@" + domain + "\"}"));
        }

        List<String> paged = new ArrayList<>();
        String startId = "initial";
        List<String> starts = new ArrayList<>();
        while (!"end".equals(startId)) {
            starts.add(startId);
            JsonNode page = scim.get("/Users?count=3&startId=" + query(startId)).body();
            assertEquals(startId, page.get("startId").asText(), page.toString());
            assertEquals(7, page.get("totalResults").asInt(), "every page counts every user: " + page);
            assertEquals(3, page.get("itemsPerPage").asInt(), "the page size, as SAP defines it: " + page);
            assertFalse(page.has("startIndex"), page.toString());
            page.get("Resources").forEach(user -> paged.add(user.get("id").asText()));
            startId = page.get("nextId").asText();
        }
        assertEquals(7, paged.size(), "each user once: " + paged);
        assertEquals(Set.copyOf(created), Set.copyOf(paged));
        assertEquals(3, starts.size(), "pages of 3, 3 and 1: " + starts);

        JsonNode upperCase = scim.get("/Users?count=2&startId=" + paged.get(2).toUpperCase()).body();
        assertEquals(paged.get(2), upperCase.at("/Resources/0/id").asText(), "a UUID's case does not matter: " + upperCase);
        assertEquals(paged.get(4), upperCase.get("nextId").asText());

        JsonNode filtered = scim.get("/Users?count=5&startId=initial&filter=" + query("userName sw \"page6\"")).body();
        assertEquals(1, filtered.get("totalResults").asInt(), filtered.toString());
        assertEquals("end", filtered.get("nextId").asText());

        JsonNode past = scim.get("/Users?startId=end").body();
        assertEquals(0, past.path("Resources").size(), past.toString());
        assertEquals("end", past.get("nextId").asText());

        Answer mixed = scim.get("/Users?startId=initial&sortBy=userName");
        assertEquals(400, mixed.status(), mixed.toString());
        assertEquals("invalidValue", mixed.scimType());
    }

    private int count(String filter) {
        Answer answer = scim.get("/Users?filter=" + query(filter));
        assertEquals(200, answer.status(), answer.toString());
        return answer.body().get("totalResults").asInt();
    }
}
