package io.gatehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Compares, on one running server and in one run, the same provisioning work done three ways:
 * through an organization's Gatehouse SCIM directory, through Keycloak's own SCIM API (the
 * {@code scim-api} preview feature) and through Keycloak's admin REST API.
 * <ol>
 *   <li>creating users, interleaved one by one, as users per second;</li>
 *   <li>finding a user with {@code filter=userName eq "..."} when the org has {@code --org-size} users;</li>
 *   <li>paging through all of them, comparing the cost of early and late pages;</li>
 *   <li>with {@code --scale N}, the filter again once the org has N users.</li>
 * </ol>
 * Usage: scripts/benchmark-scim.sh [--users 500] [--org-size 10000] [--scale 100000] [--threads 4].
 */
public final class ScimBenchmark {

    private static final String SCIM_JSON = "application/scim+json";
    private static final int LOOKUPS = 100;
    private static final int PAGE = 100;

    private final String server;
    private final JsonClient admin;
    private final int threads;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String realm = "bench-scim-" + run;
    private final String domain = "scim-" + run + ".test";
    private final Random random = new Random(42);
    private JsonClient gatehouse;
    private JsonClient keycloakScim;
    private JsonClient keycloakRest;
    private String orgId;
    private int orgUsers;

    private ScimBenchmark(String server, String user, String password, int threads) {
        this.server = server;
        this.admin = JsonClient.admin(server, user, password);
        this.threads = threads;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Figures.options(args);
        ScimBenchmark benchmark = new ScimBenchmark(options.getOrDefault("server", "http://localhost:8180"),
                options.getOrDefault("user", "admin"), options.getOrDefault("password", "admin"),
                Integer.parseInt(options.getOrDefault("threads", "4")));
        benchmark.run(Integer.parseInt(options.getOrDefault("users", "500")),
                Integer.parseInt(options.getOrDefault("org-size", "10000")),
                Integer.parseInt(options.getOrDefault("scale", "0")));
    }

    private void run(int users, int orgSize, int scale) throws InterruptedException {
        try {
            setUp();
            measureCreates(users);
            fillOrgTo(orgSize);
            measureFilters();
            measurePaging();
            if (scale > orgSize) {
                fillOrgTo(scale);
                measureFilters();
            }
        } finally {
            admin.delete("/admin/realms/" + realm);
        }
    }

    private void measureCreates(int users) {
        int warmup = Math.max(10, users / 10);
        List<Long> ours = new ArrayList<>();
        List<Long> native_ = new ArrayList<>();
        List<Long> rest = new ArrayList<>();
        List<Long> restMember = new ArrayList<>();
        for (int i = 0; i < warmup + users; i++) {
            int n = i;
            long a = time(() -> gatehouse.post("/Users", scimUser("gh-" + orgUsers++)));
            long b = time(() -> keycloakScim.post("/Users", scimUser("kc-" + n)));
            long c = time(() -> keycloakRest.post("/users", restUser("rest-" + n)));
            long d = time(() -> keycloakRest.post("/organizations/" + orgId + "/members",
                    keycloakRest.create("/users", restUser("member-" + n))));
            if (i >= warmup) {
                ours.add(a);
                native_.add(b);
                rest.add(c);
                restMember.add(d);
            }
        }
        double oursRate = rate(ours);
        double nativeRate = rate(native_);
        double restRate = rate(rest);
        double restMemberRate = rate(restMember);
        System.out.printf("%nCreating users, %d each, interleaved one by one (after %d warm-up rounds):%n", users, warmup);
        System.out.printf("  Gatehouse SCIM (org member + default role): %7.1f users/s, median %6.1f ms%n", oursRate, Figures.median(ours));
        System.out.printf("  Keycloak SCIM (realm user):                 %7.1f users/s, median %6.1f ms%n", nativeRate, Figures.median(native_));
        System.out.printf("  Keycloak admin REST (realm user):           %7.1f users/s, median %6.1f ms%n", restRate, Figures.median(rest));
        System.out.printf("  Keycloak admin REST (user, then org member): %6.1f users/s, median %6.1f ms%n", restMemberRate, Figures.median(restMember));
        System.out.printf("  ratio Gatehouse / Keycloak SCIM: %.2f   (target >= 1.0)%n", oursRate / nativeRate);
        System.out.printf("  ratio Gatehouse / admin REST:    %.2f   (target >= 0.8)%n", oursRate / restRate);
        System.out.printf("  ratio Gatehouse / admin REST, user and org member (the same work): %.2f%n", oursRate / restMemberRate);
    }

    private void measureFilters() {
        List<Long> ours = new ArrayList<>();
        List<Long> native_ = new ArrayList<>();
        List<Long> rest = new ArrayList<>();
        for (int i = 0; i < LOOKUPS + 10; i++) {
            String userName = userName("gh-" + random.nextInt(orgUsers));
            String filter = "?filter=" + enc("userName eq \"" + userName.toUpperCase() + "\"");
            long a = time(() -> expectOne(gatehouse.get("/Users" + filter).path("totalResults").asInt(), "Gatehouse SCIM", userName));
            long b = time(() -> expectOne(keycloakScim.get("/Users" + filter).path("totalResults").asInt(), "Keycloak SCIM", userName));
            long c = time(() -> expectOne(keycloakRest.get("/users?exact=true&username=" + enc(userName)).size(), "admin REST", userName));
            if (i >= 10) {
                ours.add(a);
                native_.add(b);
                rest.add(c);
            }
        }
        System.out.printf("%nfilter=userName eq \"...\" (upper-cased) in an org of %d users, realm of %d users, %d look-ups each:%n",
                orgUsers, realmUsers(), LOOKUPS);
        System.out.printf("  Gatehouse SCIM:                     median %6.1f ms%n", Figures.median(ours));
        System.out.printf("  Keycloak SCIM:                      median %6.1f ms%n", Figures.median(native_));
        System.out.printf("  admin REST (username, exact=true):  median %6.1f ms%n", Figures.median(rest));
        System.out.printf("  ratio Gatehouse / Keycloak SCIM: %.2f   (target <= 1.0)%n", Figures.median(ours) / Figures.median(native_));
    }

    private void measurePaging() {
        List<Long> ours = pages(startIndex -> gatehouse.get("/Users?startIndex=" + startIndex + "&count=" + PAGE));
        List<Long> native_ = pages(startIndex -> keycloakScim.get("/Users?startIndex=" + startIndex + "&count=" + PAGE));
        List<Long> rest = pages(startIndex -> keycloakRest.get("/users?first=" + (startIndex - 1) + "&max=" + PAGE));
        System.out.printf("%nPaging through %d org users, %d per page (%d pages); first 10 pages vs last 10:%n", orgUsers, PAGE, ours.size());
        print("Gatehouse SCIM", ours);
        print("Keycloak SCIM (realm)", native_);
        print("admin REST (realm)", rest);
    }

    private List<Long> pages(IntConsumer fetch) {
        List<Long> times = new ArrayList<>();
        for (int startIndex = 1; startIndex <= orgUsers; startIndex += PAGE) {
            int from = startIndex;
            times.add(time(() -> fetch.accept(from)));
        }
        return times;
    }

    private static void print(String name, List<Long> pages) {
        double first = Figures.median(pages.subList(0, Math.min(10, pages.size())));
        double last = Figures.median(pages.subList(Math.max(0, pages.size() - 10), pages.size()));
        System.out.printf("  %-22s first %6.1f ms, last %6.1f ms, ratio last / first %.2f   (target near 1)%n", name + ":", first, last, last / first);
    }

    private void fillOrgTo(int size) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger(orgUsers);
        System.out.printf("%n... provisioning the org up to %d users through Gatehouse SCIM (%d threads)%n", size, threads);
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < size; n = next.getAndIncrement()) {
                    gatehouse.post("/Users", scimUser("gh-" + n));
                    if ((n + 1) % 5000 == 0) {
                        System.out.printf("    %d%n", n + 1);
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(3, TimeUnit.HOURS)) {
            throw new IllegalStateException("Provisioning did not finish");
        }
        orgUsers = size;
    }

    private void setUp() {
        String scimAudience = server + "/realms/" + realm + "/scim/v2";
        admin.post("/admin/realms", Map.of("realm", realm, "enabled", true, "sslRequired", "none",
                "organizationsEnabled", true, "scimApiEnabled", true,
                "clients", List.of(Map.of("clientId", "bench", "secret", "bench-secret", "publicClient", false,
                        "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                        "protocolMappers", List.of(Map.of("name", "scim audience", "protocol", "openid-connect",
                                "protocolMapper", "oidc-audience-mapper",
                                "config", Map.of("included.custom.audience", scimAudience, "access.token.claim", "true")))))));
        grantUserManagement();
        Tokens bench = Tokens.clientCredentials(server, realm, "bench", "bench-secret");
        keycloakScim = new JsonClient(scimAudience, bench, SCIM_JSON);
        keycloakRest = new JsonClient(server + "/admin/realms/" + realm, bench, "application/json");

        String api = "/admin/realms/" + realm + "/gatehouse";
        JsonNode org = admin.post(api + "/orgs", Map.of("name", "Bench", "alias", "bench", "domains", List.of(domain)));
        orgId = org.get("id").asText();
        JsonNode directory = admin.post(api + "/orgs/" + orgId + "/scim-directories", Map.of("name", "Benchmark"));
        gatehouse = new JsonClient(directory.get("baseUrl").asText(), Tokens.fixed(directory.get("token").asText()), SCIM_JSON);
    }

    /** The benchmark client's service account may manage the realm's users: what Keycloak's SCIM API checks. */
    private void grantUserManagement() {
        String base = "/admin/realms/" + realm;
        String client = admin.get(base + "/clients?clientId=bench").get(0).get("id").asText();
        String serviceAccount = admin.get(base + "/clients/" + client + "/service-account-user").get("id").asText();
        String realmManagement = admin.get(base + "/clients?clientId=realm-management").get(0).get("id").asText();
        List<JsonNode> roles = new ArrayList<>();
        for (String role : List.of("manage-users", "view-users", "query-users", "query-groups", "manage-realm")) {
            roles.add(admin.get(base + "/clients/" + realmManagement + "/roles/" + role));
        }
        admin.post(base + "/users/" + serviceAccount + "/role-mappings/clients/" + realmManagement, roles);
    }

    private Map<String, Object> scimUser(String localPart) {
        String email = userName(localPart);
        return Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", email, "active", true,
                "name", Map.of("givenName", "Bench", "familyName", localPart),
                "emails", List.of(Map.of("value", email, "primary", true, "type", "work")));
    }

    private Map<String, Object> restUser(String localPart) {
        String email = userName(localPart);
        return Map.of("username", email, "email", email, "firstName", "Bench", "lastName", localPart, "enabled", true);
    }

    private String userName(String localPart) {
        return localPart + "@" + domain;
    }

    private int realmUsers() {
        return keycloakRest.get("/users/count").asInt();
    }

    private static void expectOne(int found, String api, String userName) {
        if (found != 1) {
            throw new IllegalStateException(api + " found " + found + " users named " + userName);
        }
    }

    private static long time(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double rate(List<Long> nanos) {
        return nanos.size() / (nanos.stream().mapToLong(Long::longValue).sum() / 1e9);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
