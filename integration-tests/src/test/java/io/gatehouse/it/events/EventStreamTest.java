package io.gatehouse.it.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.OrgFixture;
import io.gatehouse.it.support.AdminTokens;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimOrg;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The event stream as an app pulls it: one event per committed change, none for a refused one, in an
 * order a reader can follow by cursor without ever missing an event that commits behind it.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class EventStreamTest {

    /** The issue asks for 1,000 writes; 16 writers keep the SCIM endpoint and the sequencer under contention. */
    static final int BURST = 1000;
    static final int WRITERS = 16;
    private static final String PASSWORD = "Passw0rd!-long-enough";
    private static final String USER_CREATED = "types=directory.user.created";

    @InjectRealm(config = RealmWithEventReaders.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    EventPages pages;

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        pages = new EventPages(api);
    }

    @Test
    void a_burst_of_parallel_scim_creates_gives_one_event_each_and_a_reader_following_the_cursor_meanwhile_misses_none() throws Exception {
        ScimOrg org = ScimOrg.onboard(api, "burst", "Burst");
        String query = "organizationId=" + org.id() + "&" + USER_CREATED + "&limit=500";
        AtomicBoolean writing = new AtomicBoolean(true);
        List<JsonNode> followed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
                long cursor = 0;
                while (writing.get()) {
                    EventPages.Page page = pages.page(cursor, query);
                    followed.addAll(page.events());
                    cursor = page.nextCursor();
                }
                followed.addAll(pages.all(cursor, query));
            }, pool);
            List<CompletableFuture<String>> writes = IntStream.range(0, BURST)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> org.directory().createUser(user("burst" + i + "@" + org.domain())), pool))
                    .toList();
            Set<String> created = new HashSet<>();
            for (CompletableFuture<String> write : writes) {
                created.add(write.get());
            }
            writing.set(false);
            reader.get();

            assertEquals(BURST, created.size());
            assertEquals(BURST, followed.size(), "the reader read each event once");
            assertEquals(created, userIds(followed), "and none is missing");
            assertEquals(BURST, new HashSet<>(ids(followed)).size(), "each event has its own id");
        } finally {
            pool.shutdown();
        }

        List<JsonNode> replayed = pages.all(0, query);
        assertEquals(ids(followed), ids(replayed), "replaying from the start gives the same events in the same order");
        long last = followed.get(followed.size() - 1).get("cursor").asLong();
        JsonNode middle = followed.get(BURST / 2);
        assertEquals(ids(followed.subList(BURST / 2 + 1, BURST)), ids(pages.all(middle.get("cursor").asLong(), query)),
                "replaying from any cursor gives the same events after it");

        String later = org.directory().createUser(user("later@" + org.domain()));
        List<JsonNode> after = pages.all(last, query);
        assertEquals(1, after.size(), "nothing new appears at or below a cursor already read");
        assertEquals(later, after.get(0).at("/data/id").asText());
        assertEquals(BURST + 1, pages.all(0, query).size());
    }

    @Test
    void a_refused_or_rolled_back_write_leaves_no_event() {
        ScimOrg org = ScimOrg.onboard(api, "refused", "Refused");
        ScimOrg other = ScimOrg.onboard(api, "other", "Other");
        org.directory().createUser(user("ada@" + org.domain()));

        ScimClient.Answer outsideDomain = org.directory().post("/Users", user("eve@" + other.domain()));
        assertEquals(400, outsideDomain.status(), outsideDomain.toString());
        ScimClient.Answer taken = org.directory().post("/Users", user("ADA@" + org.domain()));
        assertEquals(409, taken.status(), taken.toString());
        ApiResponse nameTaken = api.put("/orgs/" + org.id(), json(Map.of("name", "Other " + other.domain(), "domains", List.of(org.domain()))));
        assertEquals(409, nameTaken.status(), nameTaken.toString());

        List<JsonNode> created = pages.of(org.id(), "directory.user.created");
        assertEquals(1, created.size(), created.toString());
        assertEquals("ada@" + org.domain(), created.get(0).at("/data/userName").asText());
        assertEquals(List.of(), pages.of(org.id(), "organization.updated"));
        assertEquals(1, pages.of(org.id(), "membership.created").size(), "the refused users never joined");
    }

    @Test
    void filters_by_type_and_organization_and_pages_by_cursor() {
        ScimOrg a = ScimOrg.onboard(api, "filter-a", "A");
        ScimOrg b = ScimOrg.onboard(api, "filter-b", "B");
        for (int i = 0; i < 3; i++) {
            a.directory().createUser(user("a" + i + "@" + a.domain()));
            b.directory().createUser(user("b" + i + "@" + b.domain()));
        }

        List<JsonNode> ofA = pages.all(0, "organizationId=" + a.id());
        assertTrue(ofA.stream().allMatch(e -> a.id().equals(e.get("organizationId").asText())), "only A's events");
        Set<String> types = new HashSet<>();
        ofA.forEach(e -> types.add(e.get("type").asText()));
        assertTrue(types.containsAll(Set.of("organization.created", "directory.created", "directory.user.created", "membership.created", "role.granted")),
                types.toString());

        List<JsonNode> two = pages.all(0, "organizationId=" + a.id() + "&types=directory.user.created,directory.created");
        assertEquals(4, two.size(), two.toString());
        assertEquals("directory.created", two.get(0).get("type").asText());

        EventPages.Page first = pages.page(0, "organizationId=" + a.id() + "&" + USER_CREATED + "&limit=2");
        assertEquals(2, first.events().size());
        EventPages.Page second = pages.page(first.nextCursor(), "organizationId=" + a.id() + "&" + USER_CREATED + "&limit=2");
        assertEquals(1, second.events().size());
        assertEquals(List.of(), pages.page(second.nextCursor(), "organizationId=" + a.id() + "&" + USER_CREATED).events());

        Set<String> realmWide = new HashSet<>();
        pages.all(0, USER_CREATED).forEach(e -> realmWide.add(e.get("organizationId").asText()));
        assertTrue(realmWide.containsAll(Set.of(a.id(), b.id())), "without organizationId, every organization's");
    }

    @Test
    void each_event_has_the_public_shape() {
        ScimOrg org = ScimOrg.onboard(api, "shape", "Shape");
        JsonNode event = pages.of(org.id(), "organization.created").get(0);
        assertEquals(Set.of("id", "type", "createdAt", "organizationId", "data", "cursor"), fieldNames(event));
        assertTrue(event.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"), event.toString());
        assertEquals(org.id(), event.at("/data/id").asText());

        org.directory().createUser(user("secret@" + org.domain()));
        String all = pages.all(0, "organizationId=" + org.id()).toString();
        assertTrue(all.contains("secret@" + org.domain()), all);
        assertTrue(!all.contains("never-in-an-event") && !all.contains(org.directory().token()), "no password or token in any event: " + all);
    }

    @Test
    void bad_parameters_are_a_json_400_naming_the_parameter() {
        for (String query : List.of("after=-1", "after=abc", "after=99999999999999999999", "limit=0", "limit=501", "limit=x",
                "types=directory.user.created,nope", "organizationId=" + "x".repeat(37), "organizationId=a%20b")) {
            ApiResponse answer = api.get("/events?" + query);
            assertEquals(400, answer.status(), query + ": " + answer);
            assertEquals("invalid_query", answer.error(), query);
            String parameter = query.substring(0, query.indexOf('='));
            assertTrue(answer.message().contains(parameter), query + ": " + answer.message());
        }
        ApiResponse unknown = api.get("/events?organizationId=" + OrgFixture.unique());
        assertEquals(200, unknown.status(), "an admin who reads every organization's events may name any, a deleted one too: " + unknown);
        assertEquals(0, unknown.body().get("events").size());
    }

    @Test
    void reading_events_needs_view_on_the_organizations_and_view_events() {
        ScimOrg org = ScimOrg.onboard(api, "authz", "Authz");
        AdminTokens tokens = new AdminTokens(urls.getBase(), realm.getName(), PASSWORD);

        assertEquals(401, new GatehouseApi(urls.getBase(), realm.getName(), () -> null).get("/events").status());
        for (String refused : List.of("nobody", "viewer", "eventsOnly")) {
            GatehouseApi caller = new GatehouseApi(urls.getBase(), realm.getName(), tokens.of(refused));
            for (String path : List.of("/events", "/events?organizationId=" + org.id())) {
                ApiResponse answer = caller.get(path);
                assertEquals(403, answer.status(), refused + " " + path + ": " + answer);
                assertEquals("forbidden", answer.error());
                assertTrue(answer.message().contains("view-events"), answer.message());
            }
        }
        EventPages reader = new EventPages(new GatehouseApi(urls.getBase(), realm.getName(), tokens.of("eventReader")));
        assertEquals(1, reader.of(org.id(), "directory.created").size());
        assertTrue(reader.all(0, "types=directory.created").size() >= 1);
    }

    static String user(String userName) {
        return json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA), "userName", userName,
                "name", Map.of("givenName", "Given", "familyName", "Family"),
                "emails", List.of(Map.of("value", userName, "primary", true, "type", "work")),
                "password", "never-in-an-event-" + userName));
    }

    private static Set<String> userIds(List<JsonNode> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.at("/data/id").asText()));
        return ids;
    }

    private static List<String> ids(List<JsonNode> events) {
        return events.stream().map(e -> e.get("id").asText()).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public static final class RealmWithEventReaders implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return new OrgRealm().configure(realm).users(
                    user("nobody"),
                    user("viewer").clientRoles("realm-management", "view-organizations"),
                    user("eventsOnly").clientRoles("realm-management", "view-events", "query-organizations"),
                    user("eventReader").clientRoles("realm-management", "view-organizations", "view-events"));
        }

        private static UserBuilder user(String name) {
            return UserBuilder.create().username(name).email(name + "@example.test").firstName(name).lastName("Test")
                    .emailVerified(true).enabled(true).password(PASSWORD);
        }
    }
}
