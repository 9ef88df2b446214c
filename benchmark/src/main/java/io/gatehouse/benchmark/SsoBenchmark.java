package io.gatehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures, on one running server and in one run, what Gatehouse's SSO adds to Keycloak:
 * <ol>
 *   <li>brokered logins through an organization's connection (with the domain check) against the
 *       same IdP connected without Gatehouse (Keycloak alone); prints the ratio;</li>
 *   <li>finding the organization of an email domain ("Sign in with SSO") with one organization and
 *       with many; a ratio near 1 means an index lookup, not a scan.</li>
 * </ol>
 * Usage: scripts/benchmark.sh [--server URL] [--logins N] [--orgs N] (the server from scripts/demo.sh).
 */
public final class SsoBenchmark {

    private static final String APP_REDIRECT = "https://app.bench.test/callback";

    private final JsonClient admin;
    private final String server;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String idpRealm = "bench-idp-" + run;
    private final String spRealm = "bench-sp-" + run;
    private final String domain = "bench-" + run + ".test";

    private SsoBenchmark(String server, String user, String password) {
        this.server = server;
        this.admin = JsonClient.admin(server, user, password);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Figures.options(args);
        SsoBenchmark benchmark = new SsoBenchmark(options.getOrDefault("server", "http://localhost:8080"),
                options.getOrDefault("user", "admin"), options.getOrDefault("password", "admin"));
        benchmark.run(Integer.parseInt(options.getOrDefault("logins", "100")), Integer.parseInt(options.getOrDefault("orgs", "10000")));
    }

    private void run(int logins, int orgs) throws Exception {
        try {
            setUp();
            String guarded = connection();
            String plain = plainCopyOf(guarded);
            measureLogins(guarded, plain, logins);
            measureDiscovery(orgs);
        } finally {
            admin.delete("/admin/realms/" + spRealm);
            admin.delete("/admin/realms/" + idpRealm);
        }
    }

    private void measureLogins(String guarded, String plain, int logins) {
        String guardedUser = idpUser("guarded");
        String plainUser = idpUser("plain");
        int warmup = Math.max(5, logins / 10);
        for (int i = 0; i < warmup; i++) {
            login(guarded, guardedUser);
            login(plain, plainUser);
        }
        List<Long> withCheck = new ArrayList<>();
        List<Long> without = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            withCheck.add(login(guarded, guardedUser));
            without.add(login(plain, plainUser));
        }
        System.out.printf("%nBrokered OIDC logins, %d each, interleaved (after %d warm-up rounds):%n", logins, warmup);
        System.out.printf("  Keycloak alone (no Gatehouse check):   median %6.1f ms, mean %6.1f ms%n", Figures.median(without), Figures.mean(without));
        System.out.printf("  through the org's Gatehouse connection: median %6.1f ms, mean %6.1f ms%n", Figures.median(withCheck), Figures.mean(withCheck));
        System.out.printf("  ratio Gatehouse / Keycloak: median %.3f, mean %.3f   (target <= 1.05)%n",
                Figures.median(withCheck) / Figures.median(without), Figures.mean(withCheck) / Figures.mean(without));
    }

    private void measureDiscovery(int orgs) throws InterruptedException {
        int lookups = 50;
        List<Long> few = discoveries(lookups);
        createOrgs(orgs);
        List<Long> many = discoveries(lookups);
        System.out.printf("%nSign in with SSO: finding the organization of an email domain, %d look-ups each:%n", lookups);
        System.out.printf("  with 1 organization:      median %6.1f ms%n", Figures.median(few));
        System.out.printf("  with %d organizations: median %6.1f ms%n", orgs + 1, Figures.median(many));
        System.out.printf("  ratio many / one: %.3f   (near 1: an index lookup, not a scan)%n%n", Figures.median(many) / Figures.median(few));
    }

    private List<Long> discoveries(int count) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < count + 5; i++) {
            BrowserlessUser browser = new BrowserlessUser(APP_REDIRECT);
            Page form = browser.open(authUrl("sso"));
            long start = System.nanoTime();
            Page next = browser.submit(form, Map.of("identifier", "someone@" + domain));
            long took = System.nanoTime() - start;
            if (!next.uri().toString().contains("/realms/" + idpRealm + "/")) {
                throw new IllegalStateException("Discovery did not reach the IdP: " + next.uri());
            }
            if (i >= 5) {
                times.add(took);
            }
        }
        return times;
    }

    private void createOrgs(int count) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger done = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            int n = i;
            pool.submit(() -> {
                admin.post("/admin/realms/" + spRealm + "/gatehouse/orgs",
                        Map.of("name", "Filler " + n, "alias", "filler-" + n, "domains", List.of("filler-" + n + "-" + domain)));
                if (done.incrementAndGet() % 1000 == 0) {
                    System.out.printf("  ... %d organizations created%n", done.get());
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, TimeUnit.HOURS);
    }

    private long login(String alias, String username) {
        BrowserlessUser browser = new BrowserlessUser(APP_REDIRECT);
        long start = System.nanoTime();
        Page page = browser.signIn(browser.open(authUrl(alias)), username, "password");
        long took = System.nanoTime() - start;
        if (!page.reachedApp(APP_REDIRECT)) {
            throw new IllegalStateException("Login through " + alias + " failed: " + page.status() + " " + page.uri());
        }
        return took;
    }

    private void setUp() {
        admin.post("/admin/realms", Map.of("realm", idpRealm, "enabled", true, "sslRequired", "none",
                "clients", List.of(Map.of("clientId", "broker", "secret", "broker-secret", "publicClient", false,
                        "redirectUris", List.of(server + "/realms/" + spRealm + "/broker/*")))));
        admin.post("/admin/realms", Map.of("realm", spRealm, "enabled", true, "sslRequired", "none", "organizationsEnabled", true,
                "clients", List.of(Map.of("clientId", "app", "publicClient", true, "redirectUris", List.of(APP_REDIRECT))),
                "identityProviders", List.of(Map.of("alias", "sso", "providerId", "gatehouse-sso", "enabled", true))));
    }

    private String connection() {
        JsonNode org = admin.post("/admin/realms/" + spRealm + "/gatehouse/orgs", Map.of("name", "Bench", "alias", "bench", "domains", List.of(domain)));
        String orgs = "/admin/realms/" + spRealm + "/gatehouse/orgs/" + org.get("id").asText();
        String alias = admin.post(orgs + "/connections",
                Map.of("type", "oidc", "discoveryUrl", server + "/realms/" + idpRealm + "/.well-known/openid-configuration",
                        "clientId", "broker", "clientSecret", "broker-secret")).get("id").asText();
        activate(orgs, alias);
        return alias;
    }

    /** A new connection is a draft until a test login through it passes: one Test connection in the setup portal, as the customer's IT admin runs it. */
    private void activate(String orgs, String alias) {
        String link = admin.post(orgs + "/setup-links", Map.of("intents", List.of("sso"))).get("url").asText();
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        Page portal = itAdmin.submit(itAdmin.open(link), Map.of());
        itAdmin.signIn(itAdmin.submit(portal, Map.of("connection", alias)), idpUser("bench-tester"), "password");
    }

    /** The same IdP, connected the way Keycloak alone would: not linked to an organization, no Gatehouse check. */
    private String plainCopyOf(String alias) {
        ObjectNode idp = (ObjectNode) admin.get("/admin/realms/" + spRealm + "/identity-provider/instances/" + alias);
        idp.remove("internalId");
        idp.remove("organizationId");
        idp.put("alias", "plain");
        ((ObjectNode) idp.get("config")).put("clientSecret", "broker-secret"); // the API answers it masked
        admin.post("/admin/realms/" + spRealm + "/identity-provider/instances", idp);
        return "plain";
    }

    private String idpUser(String name) {
        admin.post("/admin/realms/" + idpRealm + "/users", Map.of("username", name, "email", name + "@" + domain, "emailVerified", true,
                "firstName", "Bench", "lastName", name, "enabled", true,
                "credentials", List.of(Map.of("type", "password", "value", "password", "temporary", false))));
        return name;
    }

    private String authUrl(String idpHint) {
        return server + "/realms/" + spRealm + "/protocol/openid-connect/auth?client_id=app&response_type=code&scope=openid"
                + "&redirect_uri=" + URLEncoder.encode(APP_REDIRECT, StandardCharsets.UTF_8) + "&kc_idp_hint=" + idpHint;
    }
}
