package io.gatehouse.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.KeycloakCluster;
import io.gatehouse.it.support.KeycloakCluster.Node;
import io.gatehouse.it.support.ScimClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gatehouse on two Keycloak nodes sharing one PostgreSQL: what one node writes, the other sees and
 * uses at once. Every test writes on one node and reads or uses the result on the other, with no
 * wait in between, so a per-node cache that is not invalidated across the cluster fails here.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    private static final String REALM = unique("cluster");
    private static final String STOP = "http://stop.invalid/";
    /** The customer's IdP: another realm of the cluster, reached through node 1, with an OIDC client for Gatehouse. */
    private static final String IDP = unique("customer-idp");
    private static final String IDP_CLIENT = "gatehouse";
    private static final String IDP_SECRET = "customer-idp-secret";
    private static final String PASSWORD = "password";
    /** The vendor's app in the Gatehouse realm, where a login ends. */
    private static final String APP = "app";
    private static final String APP_REDIRECT = "http://app.invalid/callback";

    @TempDir
    static Path work;

    private static KeycloakCluster cluster;
    private static Node one;
    private static Node two;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = KeycloakCluster.start(work);
        one = cluster.node(1);
        two = cluster.node(2);
        ApiResponse realm = GatehouseApi.keycloakAdmin(one.baseUrl(), "", one::adminToken)
                .post("", json(Map.of("realm", REALM, "enabled", true, "organizationsEnabled", true)));
        assertEquals(201, realm.status(), realm.toString());
        ApiResponse app = one.keycloakAdmin(REALM).post("/clients", json(Map.of("clientId", APP, "publicClient", true,
                "redirectUris", List.of(APP_REDIRECT))));
        assertEquals(201, app.status(), app.toString());
        ApiResponse idp = GatehouseApi.keycloakAdmin(one.baseUrl(), "", one::adminToken)
                .post("", json(Map.of("realm", IDP, "enabled", true)));
        assertEquals(201, idp.status(), idp.toString());
        ApiResponse client = one.keycloakAdmin(IDP).post("/clients", json(Map.of("clientId", IDP_CLIENT, "secret", IDP_SECRET,
                "publicClient", false, "redirectUris", List.of(one.baseUrl() + "/*", two.baseUrl() + "/*"))));
        assertEquals(201, client.status(), client.toString());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void an_organization_written_on_one_node_is_read_on_the_other_at_once() {
        String domain = unique("globex") + ".test";
        ApiResponse created = one.api(REALM).createOrg(json(Map.of("name", unique("Globex"), "domains", List.of(domain),
                "externalId", unique("crm"), "attributes", Map.of("region", List.of("eu-west-1")),
                "policies", Map.of("ssoRequired", true, "defaultRole", "engineer"))));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();

        assertEquals(created.body(), two.api(REALM).get("/orgs/" + id).body(), "node 2 reads what node 1 created");
        assertEquals(created.body(), two.api(REALM).get("/orgs?externalId=" + query(created.body().get("externalId").asText())).body().get(0));

        String added = unique("globex-eu") + ".test";
        ApiResponse updated = two.api(REALM).put("/orgs/" + id, json(Map.of("domains", List.of(domain, added),
                "policies", Map.of("ssoRequired", false, "allowSubdomains", true))));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(updated.body(), one.api(REALM).get("/orgs/" + id).body(), "node 1 reads node 2's change at once");
        JsonNode keycloaksOwn = one.keycloakAdmin(REALM).get("/organizations/" + id).body();
        assertTrue(keycloaksOwn.get("domains").toString().contains(added), keycloaksOwn.toString());

        ApiResponse taken = one.api(REALM).createOrg(json(Map.of("name", unique("Squatter"), "domains", List.of("eu." + added))));
        assertEquals(409, taken.status(), "node 1 knows the domain node 2 gave out, with its subdomains: " + taken);

        assertEquals(204, two.api(REALM).delete("/orgs/" + id).status());
        assertEquals(404, one.api(REALM).get("/orgs/" + id).status(), "node 1 sees the deletion at once");
    }

    @Test
    @Order(2)
    void a_scim_token_minted_on_one_node_works_on_the_other_and_its_revocation_holds_everywhere_at_once() {
        String domain = unique("initech") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Initech"), domain);
        ScimClient onOne = ScimClient.newDirectory(one.api(REALM), orgId, "Okta");
        ScimClient onTwo = ScimClient.at(onOne.baseUrl().replace(one.baseUrl(), two.baseUrl()), onOne.token());

        String userId = onTwo.createUser(user("peter@" + domain));
        assertEquals(200, onOne.get("/Users/" + userId).status(), "node 1 reads the user node 2 created");

        ApiResponse minted = two.api(REALM).post("/orgs/" + orgId + "/scim-directories/" + onOne.id() + "/tokens", "{}");
        assertEquals(201, minted.status(), minted.toString());
        assertEquals(200, onOne.withToken(minted.body().get("token").asText()).get("/Users/" + userId).status(),
                "a token minted on node 2 works on node 1 at once");

        assertEquals(204, one.api(REALM).delete("/orgs/" + orgId + "/scim-directories/" + onOne.id() + "/tokens/" + onOne.tokenId()).status());
        assertEquals(401, onTwo.get("/Users/" + userId).status(), "a token revoked on node 1 is refused by node 2 at once");
        assertEquals(401, onOne.get("/Users/" + userId).status());
    }

    @Test
    @Order(3)
    void a_setup_link_opened_on_one_node_cannot_be_opened_again_on_the_other() {
        String orgId = one.api(REALM).createOrg(unique("Hooli"), unique("hooli") + ".test");
        ApiResponse link = one.api(REALM).post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("scim"))));
        assertEquals(201, link.status(), link.toString());
        String onNodeOne = link.body().get("url").asText();
        String onNodeTwo = onNodeOne.replace(one.baseUrl(), two.baseUrl());

        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page portal = itAdmin.submit(itAdmin.open(onNodeOne), Map.of());
        assertEquals(200, portal.status(), portal.body());

        Page reused = new BrowserlessUser(STOP).open(onNodeTwo);
        assertEquals(410, reused.status(), "node 2 refuses the link node 1 used: " + reused.body());
        Page stillOpen = itAdmin.open(portal.uri().toString());
        assertEquals(200, stillOpen.status(), "the IT admin's portal session still works on node 1");
    }

    @Test
    @Order(4)
    void a_role_group_renamed_or_deleted_on_one_node_is_not_used_by_the_other() {
        String domain = unique("umbrella") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Umbrella"), domain);
        ScimClient onOne = ScimClient.newDirectory(one.api(REALM), orgId, "Okta");

        String first = onOne.createUser(user("ada@" + domain));
        String memberGroup = groupOf(one, orgId, first, "member");

        ApiResponse renamed = two.keycloakAdmin(REALM).put("/organizations/" + orgId + "/groups/" + memberGroup,
                json(Map.of("name", "former-member")));
        assertEquals(204, renamed.status(), renamed.toString());
        String second = onOne.createUser(user("grace@" + domain));
        String newMemberGroup = groupOf(one, orgId, second, "member");
        assertNotEquals(memberGroup, newMemberGroup, "node 1 does not put the next member into the group node 2 renamed");
        assertFalse(groupNames(two, second).contains("former-member"));

        assertEquals(204, two.keycloakAdmin(REALM).delete("/organizations/" + orgId + "/groups/" + newMemberGroup).status());
        String third = onOne.createUser(user("linus@" + domain));
        String thirdGroup = groupOf(two, orgId, third, "member");
        assertNotEquals(newMemberGroup, thirdGroup, "node 1 creates the role's group again after node 2 deleted it");
    }

    @Test
    @Order(5)
    void a_test_connection_started_on_one_node_is_answered_on_the_other() {
        String domain = unique("wayne") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Wayne"), domain);
        String alias = oidcConnection(orgId);

        String result = testConnection(orgId, alias, employee("bruce@" + domain));

        assertTrue(result.contains("data-outcome=\"passed\""), result);
        assertTrue(result.contains("bruce@" + domain), "node 1's portal shows what the IdP sent to node 2: " + result);
        JsonNode connection = StreamSupport.stream(one.api(REALM).get("/orgs/" + orgId + "/connections").body().spliterator(), false)
                .filter(c -> c.get("id").asText().equals(alias)).findFirst().orElseThrow();
        assertTrue(connection.get("lastError").isNull() || connection.get("lastError").asText().isEmpty(), connection.toString());
        assertEquals(0, one.keycloakAdmin(REALM).get("/users?email=" + query("bruce@" + domain)).body().size(), "a test login creates no user");
    }

    @Test
    @Order(6)
    void a_brokered_login_started_on_one_node_finishes_on_the_other() {
        String domain = unique("stark") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Stark"), domain);
        String alias = oidcConnection(orgId);
        assertTrue(testConnection(orgId, alias, employee("tony@" + domain)).contains("data-outcome=\"passed\""));

        BrowserlessUser person = new BrowserlessUser(APP_REDIRECT).rerouting(brokerOf(one), brokerOf(two));
        Page idpLogin = person.open(loginThrough(one, alias));
        assertTrue(idpLogin.uri().getPath().contains("/realms/" + IDP + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page done = person.signIn(idpLogin, "tony@" + domain, PASSWORD);

        assertTrue(done.reachedApp(APP_REDIRECT), done.status() + " " + done.uri() + "\n" + done.body());
        assertTrue(tookTheAnswer(two, person), "node 2 took the IdP's answer: " + person.visited());
        JsonNode members = one.keycloakAdmin(REALM).get("/organizations/" + orgId + "/members?search=" + query("tony@" + domain)).body();
        assertEquals(1, members.size(), "node 1 sees the member node 2 signed in: " + members);
    }

    @Test
    @Order(7)
    void an_organization_deleted_on_one_node_stops_a_login_in_progress_on_the_other() {
        String domain = unique("oscorp") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Oscorp"), domain);
        String alias = oidcConnection(orgId);
        assertTrue(testConnection(orgId, alias, employee("norman@" + domain)).contains("data-outcome=\"passed\""));

        String answerAddress = brokerOf(one) + alias + "/endpoint";
        BrowserlessUser person = new BrowserlessUser(answerAddress); // stops as the IdP's answer is about to reach node 1
        Page answer = person.signIn(person.open(loginThrough(one, alias)), "norman@" + domain, PASSWORD);
        assertTrue(answer.uri().toString().startsWith(answerAddress), answer.uri().toString());
        assertEquals(204, two.api(REALM).delete("/orgs/" + orgId).status());

        Page refused = person.open(answer.uri().toString());

        assertFalse(refused.reachedApp(APP_REDIRECT), "the login does not finish: " + refused.uri());
        // Keycloak's own answer for the broker endpoint of an identity provider that is gone: a JSON 404, not a themed page.
        assertEquals(404, refused.status(), refused.status() + " " + refused.uri() + "\n" + refused.body());
        assertFalse(refused.body().contains("Exception"), refused.body());
        assertEquals(0, one.keycloakAdmin(REALM).get("/users?email=" + query("norman@" + domain)).body().size(), "no user is created");
    }

    /**
     * Both nodes schedule the activity log's pruning, and Keycloak's cluster-aware runner lets one
     * of them run it per period: over 30 seconds with a 5-second period, the two nodes together run
     * it about 6 times, where two nodes each on their own would run it about 12 times.
     */
    @Test
    @Order(60)
    void the_scheduled_pruning_runs_once_per_period_across_the_cluster() throws InterruptedException {
        int window = 30;
        int before = pruningRuns();
        Thread.sleep(window * 1000L);
        int runs = pruningRuns() - before;
        int periods = window / KeycloakCluster.PRUNING_EVERY_SECONDS;
        assertTrue(runs >= periods / 3, "the job still runs: " + runs + " runs in " + window + " s");
        assertTrue(runs <= periods + 2, "one run per period across both nodes, not one per node: " + runs + " runs in " + window + " s");
    }

    private static int pruningRuns() {
        return (int) (one.keycloak().output().stream().filter(line -> line.contains("Pruned ")).count()
                + two.keycloak().output().stream().filter(line -> line.contains("Pruned ")).count());
    }

    /**
     * The database goes away for 20 seconds under both nodes. Every SCIM request meanwhile is
     * answered 503 with a SCIM error document that tells the client to retry, never a 500, and the
     * management API answers 503 with its JSON error, and the setup portal shows its themed page
     * asking to try again shortly. Once the database is back, writes work again
     * on both nodes, and what was written before is all there.
     */
    @Test
    @Order(50)
    void a_database_outage_answers_503_and_loses_nothing() throws Exception {
        String domain = unique("soylent") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Soylent"), domain);
        ScimClient onOne = ScimClient.newDirectory(one.api(REALM), orgId, "Okta");
        ScimClient onTwo = ScimClient.at(onOne.baseUrl().replace(one.baseUrl(), two.baseUrl()), onOne.token());
        String before = onOne.createUser(user("before@" + domain));
        assertEquals(200, onTwo.get("/Users/" + before).status(), "node 2 has served this realm (Keycloak resolves a realm it never loaded from the database, before Gatehouse runs)");
        String oneToken = one.adminToken();
        String twoToken = two.adminToken();
        ApiResponse link = one.api(REALM).post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("scim"))));
        assertEquals(201, link.status(), link.toString());
        String linkUrl = link.body().get("url").asText();

        cluster.database().cut();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int attempt = 0;
            do {
                ScimClient directory = attempt % 2 == 0 ? onOne : onTwo;
                for (ScimClient.Answer answer : List.of(directory.post("/Users", user("during" + attempt + "@" + domain)),
                        directory.get("/Users/" + before), directory.get("/Users?filter=" + query("userName sw \"during\"")))) {
                    assertEquals(503, answer.status(), "attempt " + attempt + ": " + answer);
                    assertTrue(answer.isScimError(), answer.toString());
                    assertEquals("503", answer.body().get("status").asText(), answer.toString());
                    assertFalse(answer.rawBody().contains("Exception"), answer.toString());
                }
                ApiResponse api = (attempt % 2 == 0 ? new GatehouseApi(one.baseUrl(), REALM, () -> oneToken)
                        : new GatehouseApi(two.baseUrl(), REALM, () -> twoToken)).get("/orgs/" + orgId);
                assertEquals(503, api.status(), api.toString());
                assertEquals("database_unavailable", api.error(), api.toString());
                Page portal = new BrowserlessUser(STOP).open(linkUrl.replace(one.baseUrl(), (attempt % 2 == 0 ? one : two).baseUrl()));
                assertEquals(503, portal.status(), portal.body());
                assertTrue(portal.body().contains("please try again shortly"), portal.body());
                attempt++;
            } while (System.nanoTime() < until);
        } finally {
            cluster.database().restore();
        }

        for (ScimClient directory : List.of(onOne, onTwo)) {
            ScimClient.Answer created = eventually(() -> directory.post("/Users", user(unique("after") + "@" + domain)));
            assertEquals(201, created.status(), created.toString());
        }
        assertEquals(200, onTwo.get("/Users/" + before).status(), "the user written before the outage is still there");
        assertEquals(3, onTwo.get("/Users?count=1").body().get("totalResults").asInt(), "nothing the outage refused was written");
        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        assertEquals(200, itAdmin.submit(itAdmin.open(linkUrl), Map.of()).status(), "the setup link still opens once the database is back");
    }

    /** The first answer that is not a 503: a pool that lost its connections may need a few requests to get new ones. */
    private static ScimClient.Answer eventually(Supplier<ScimClient.Answer> request) throws InterruptedException {
        ScimClient.Answer answer = request.get();
        for (int i = 0; i < 30 && answer.status() == 503; i++) {
            Thread.sleep(1000);
            answer = request.get();
        }
        return answer;
    }

    /**
     * A soak: 50 SCIM clients over 4 organizations, each request to either node, for 60 seconds
     * (5 minutes with {@code scripts/soak.sh}): creates, deactivations and reactivations, group
     * membership changes and filters. Afterwards every user its client created is there once with
     * the state its client was told, every group holds exactly the members added, and no request
     * failed. The figures are printed.
     */
    @Test
    @Order(90)
    void a_soak_of_parallel_scim_clients_on_both_nodes_loses_and_duplicates_nothing() throws Exception {
        List<ScimSoak.Directory> directories = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String domain = unique("soak" + i) + ".test";
            String orgId = one.api(REALM).createOrg(unique("Soak " + i), domain);
            ScimClient onOne = ScimClient.newDirectory(one.api(REALM), orgId, "Okta");
            ScimClient onTwo = ScimClient.at(onOne.baseUrl().replace(one.baseUrl(), two.baseUrl()), onOne.token());
            List<String> groups = new ArrayList<>();
            for (String name : List.of("engineering", "sales")) {
                ScimClient.Answer group = onOne.post("/Groups", json(Map.of("schemas", List.of(ScimClient.GROUP_SCHEMA), "displayName", name)));
                assertEquals(201, group.status(), group.toString());
                groups.add(group.body().get("id").asText());
            }
            directories.add(new ScimSoak.Directory(domain, List.of(onOne, onTwo), groups));
        }
        ScimSoak soak = new ScimSoak(directories);
        ScimSoak.Figures figures = soak.run(Integer.getInteger("gatehouse.soak.clients", 50),
                Duration.ofSeconds(Long.getLong("gatehouse.soak.seconds", 60)));
        System.out.println("Soak on two nodes: " + figures);
        assertTrue(figures.failures().isEmpty(), figures.failures().size() + " requests failed, the first: "
                + figures.failures().subList(0, Math.min(5, figures.failures().size())));
        List<String> differences = soak.reconcile();
        assertTrue(differences.isEmpty(), "the directories differ from what the clients were told: " + differences);
    }

    /**
     * Okta keeps writing while node 1 dies: a stream of creates, updates and group changes goes to
     * node 1, node 1 is killed with SIGKILL halfway, and every request that got no answer is sent
     * again to node 2, as a client behind a load balancer retries. Afterwards every user is there
     * exactly once with its last update, and the group holds exactly the members added.
     */
    @Test
    @Order(100)
    void a_node_killed_mid_write_loses_and_duplicates_nothing() throws Exception {
        String domain = unique("cyberdyne") + ".test";
        String orgId = one.api(REALM).createOrg(unique("Cyberdyne"), domain);
        RetryingScim okta = new RetryingScim(ScimClient.newDirectory(one.api(REALM), orgId, "Okta"), one, two);
        String groupId = okta.send("POST", "/Groups", json(Map.of("schemas", List.of(ScimClient.GROUP_SCHEMA), "displayName", "engineering")))
                .body().get("id").asText();

        int users = 40;
        CountDownLatch halfway = new CountDownLatch(users / 2);
        Set<String> addedToGroup = ConcurrentHashMap.newKeySet();
        Map<String, String> ids = new ConcurrentHashMap<>();
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> stream = writer.submit(() -> {
            for (int i = 0; i < users; i++) {
                String userName = "user" + i + "@" + domain;
                String id = okta.create(userName);
                ids.put(userName, id);
                ScimClient.Answer renamed = okta.send("PATCH", "/Users/" + id, json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA),
                        "Operations", List.of(Map.of("op", "replace", "path", "displayName", "value", "User " + i + " v2")))));
                assertEquals(200, renamed.status(), renamed.toString());
                if (i % 3 == 0) {
                    ScimClient.Answer added = okta.send("PATCH", "/Groups/" + groupId, json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA),
                            "Operations", List.of(Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", id)))))));
                    assertTrue(added.status() == 200 || added.status() == 204, added.toString());
                    addedToGroup.add(id);
                }
                halfway.countDown();
            }
            return null;
        });
        assertTrue(halfway.await(5, TimeUnit.MINUTES), "the stream reached half its users");
        one.keycloak().kill();
        stream.get(10, TimeUnit.MINUTES);
        writer.shutdown();
        assertTrue(okta.failedOver(), "some requests went to node 1 after it died and were sent again to node 2");

        ScimClient onTwo = okta.on(two);
        for (Map.Entry<String, String> user : ids.entrySet()) {
            ScimClient.Answer found = onTwo.get("/Users?filter=" + query("userName eq \"" + user.getKey() + "\""));
            assertEquals(1, found.body().get("totalResults").asInt(), "exactly one " + user.getKey() + ": " + found);
            JsonNode kept = found.body().get("Resources").get(0);
            assertEquals(user.getValue(), kept.get("id").asText());
            assertTrue(kept.get("displayName").asText().endsWith(" v2"), kept.toString());
        }
        assertEquals(users, onTwo.get("/Users?count=1").body().get("totalResults").asInt(), "no user more, no user less");
        JsonNode members = onTwo.get("/Groups/" + groupId).body().get("members");
        Set<String> memberIds = Set.copyOf(StreamSupport.stream(members.spliterator(), false).map(m -> m.get("value").asText()).toList());
        assertEquals(addedToGroup, memberIds);
        assertEquals(addedToGroup.size(), members.size(), "no member twice");

        one.start();
        cluster.awaitMembers(2);
        assertEquals(users, okta.on(one).get("/Users?count=1").body().get("totalResults").asInt(), "node 1 comes back and sees the same");
    }

    /**
     * A SCIM client behind a load balancer: it sends to node 1 until node 1 stops answering, then
     * sends the same request again to node 2, and stays there. A create whose first attempt took
     * effect before the node died answers 409 on the retry; the client then finds the user by its
     * userName, as Okta does.
     */
    private static final class RetryingScim {

        private final ScimClient directory;
        private final Node first;
        private final Node second;
        private volatile boolean onSecond;
        private volatile boolean failedOver;

        RetryingScim(ScimClient directory, Node first, Node second) {
            this.directory = directory;
            this.first = first;
            this.second = second;
        }

        ScimClient on(Node node) {
            return ScimClient.at(directory.baseUrl().replace(first.baseUrl(), node.baseUrl()), directory.token());
        }

        ScimClient.Answer send(String method, String path, String body) {
            if (!onSecond) {
                try {
                    return directory.send(method, path, body);
                } catch (UncheckedIOException e) {
                    onSecond = true;
                    failedOver = true;
                }
            }
            return on(second).send(method, path, body);
        }

        String create(String userName) {
            ScimClient.Answer created = send("POST", "/Users", user(userName));
            if (created.status() == 409) {
                assertEquals("uniqueness", created.scimType(), created.toString());
                ScimClient.Answer found = on(second).get("/Users?filter=" + query("userName eq \"" + userName + "\""));
                assertEquals(1, found.body().get("totalResults").asInt(), found.toString());
                return found.body().get("Resources").get(0).get("id").asText();
            }
            assertEquals(201, created.status(), created.toString());
            return created.body().get("id").asText();
        }

        boolean failedOver() {
            return failedOver;
        }
    }

    /** The id of the user's organization group of that name, read on that node; fails unless there is exactly one. */
    private static String groupOf(Node node, String orgId, String userId, String name) {
        JsonNode groups = node.keycloakAdmin(REALM).get("/organizations/" + orgId + "/groups?search=" + query(name) + "&exact=true").body();
        List<String> ids = StreamSupport.stream(groups.spliterator(), false).map(g -> g.get("id").asText()).toList();
        assertEquals(1, ids.size(), "one group named " + name + ": " + groups);
        JsonNode members = node.keycloakAdmin(REALM).get("/organizations/" + orgId + "/groups/" + ids.get(0) + "/members").body();
        assertTrue(members.toString().contains(userId), "the user is in the group " + name + ": " + members);
        return ids.get(0);
    }

    private static Set<String> groupNames(Node node, String userId) {
        JsonNode groups = node.keycloakAdmin(REALM).get("/users/" + userId + "/groups").body();
        return Set.copyOf(StreamSupport.stream(groups.spliterator(), false).map(g -> g.get("name").asText()).toList());
    }

    /** An OIDC connection of the organization to the customer's IdP, through node 1's management API. */
    private static String oidcConnection(String orgId) {
        ApiResponse created = one.api(REALM).post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", one.baseUrl() + "/realms/" + IDP + "/.well-known/openid-configuration",
                "clientId", IDP_CLIENT, "clientSecret", IDP_SECRET)));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    /** An employee at the customer's IdP, signing in with their email; answers it. */
    private static String employee(String email) {
        ApiResponse created = one.keycloakAdmin(IDP).post("/users", json(Map.of("username", email, "email", email,
                "emailVerified", true, "enabled", true, "firstName", "Test", "lastName", "Employee",
                "credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)))));
        assertEquals(201, created.status(), created.toString());
        return email;
    }

    /**
     * The customer's IT admin runs "Test connection" from a setup link opened on node 1; the IdP's
     * answer goes to node 2. Answers the portal page as node 1 then shows it.
     */
    private static String testConnection(String orgId, String alias, String employee) {
        ApiResponse link = one.api(REALM).post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso"))));
        assertEquals(201, link.status(), link.toString());
        BrowserlessUser itAdmin = new BrowserlessUser(STOP).rerouting(brokerOf(one), brokerOf(two));
        Page portal = itAdmin.submit(itAdmin.open(link.body().get("url").asText()), Map.of());
        assertTrue(portal.uri().toString().startsWith(one.baseUrl()), portal.uri().toString());
        Page idpLogin = itAdmin.submit(portal, Map.of("connection", alias));
        assertTrue(idpLogin.uri().getPath().contains("/realms/" + IDP + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        itAdmin.signIn(idpLogin, employee, PASSWORD);
        assertTrue(tookTheAnswer(two, itAdmin), "node 2 took the IdP's answer: " + itAdmin.visited());
        return itAdmin.open(portal.uri().toString()).body().replace("&#39;", "'").replace("&quot;", "\"");
    }

    private static boolean tookTheAnswer(Node node, BrowserlessUser person) {
        return person.visited().stream().anyMatch(uri -> uri.toString().startsWith(brokerOf(node)) && uri.getPath().endsWith("/endpoint"));
    }

    private static String brokerOf(Node node) {
        return node.baseUrl() + "/realms/" + REALM + "/broker/";
    }

    private static String loginThrough(Node node, String alias) {
        return node.baseUrl() + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=" + APP
                + "&response_type=code&scope=openid&redirect_uri=" + query(APP_REDIRECT) + "&kc_idp_hint=" + alias;
    }

    static String user(String email) {
        return json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA), "userName", email,
                "emails", List.of(Map.of("value", email, "primary", true, "type", "work")), "active", true));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
