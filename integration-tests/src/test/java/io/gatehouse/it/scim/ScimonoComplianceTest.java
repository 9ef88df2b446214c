package io.gatehouse.it.scim;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import jakarta.ws.rs.core.Response;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAP's SCIM compliance suite (scimono 0.0.24) against one directory, as a customer would point
 * it at Gatehouse: an organization that owns every domain the suite's users are in, and an OAuth
 * client bound to the directory (the suite signs in with client credentials). The suite runs
 * through a {@link RecordingProxy}, so every answer it met is checked: none is a 5xx, and every
 * failure is a SCIM error document. What still fails, and why, is listed in
 * {@code integration-tests/scimono-known-failures.md}; this run writes its own list to
 * {@code target/scimono-failures.md} to compare.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ScimonoComplianceTest {

    /**
     * A little under the 302 of 468 this suite reached (its dynamic tests vary with what earlier
     * ones left in the directory); a change that lowers the count fails here.
     */
    private static final int PASS_FLOOR = 295;
    /** This module's versions of what scimono was built with, left out of its classpath. */
    private static final List<String> REPLACED = List.of("/org/junit/", "/org/opentest4j/", "/org/antlr/antlr4/", "/org/antlr/antlr4-runtime/");
    private static final List<String> SCIMONO_BUILT_WITH = List.of(
            "org/antlr/antlr4-runtime/4.9/antlr4-runtime-4.9.jar",
            "org/junit/jupiter/junit-jupiter-api/5.7.0/junit-jupiter-api-5.7.0.jar",
            "org/junit/jupiter/junit-jupiter-engine/5.7.0/junit-jupiter-engine-5.7.0.jar",
            "org/junit/jupiter/junit-jupiter-params/5.7.0/junit-jupiter-params-5.7.0.jar",
            "org/junit/platform/junit-platform-commons/1.7.0/junit-platform-commons-1.7.0.jar",
            "org/junit/platform/junit-platform-engine/1.7.0/junit-platform-engine-1.7.0.jar",
            "org/junit/platform/junit-platform-launcher/1.7.0/junit-platform-launcher-1.7.0.jar",
            "org/opentest4j/opentest4j/1.2.0/opentest4j-1.2.0.jar",
            "org/apiguardian/apiguardian-api/1.1.0/apiguardian-api-1.1.0.jar");
    private static final List<String> SUITE_DOMAINS = List.of("sap.com", "work.com", "home.com", "newdomain.com", "mail.com", "newvalue.com");

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void scimono_passes_at_least_the_floor_and_meets_no_server_error() throws Exception {
        GatehouseApi api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        // mail.com is a public mailbox domain: the suite uses it, so this organization claims it on purpose
        ApiResponse org = api.post("/orgs?allowPublicMailboxDomains=true", GatehouseApi.json(Map.of("name", "scimono " + UUID.randomUUID(), "domains", SUITE_DOMAINS)));
        assertEquals(201, org.status(), org.toString());
        String clientId = "scimono-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = UUID.randomUUID().toString();
        boundClient(clientId, secret);
        ApiResponse directory = api.post("/orgs/" + org.body().get("id").asText() + "/scim-directories",
                GatehouseApi.json(Map.of("name", "scimono", "oauthClientId", clientId)));
        assertEquals(201, directory.status(), directory.toString());
        String baseUrl = directory.body().get("baseUrl").asText();

        try (RecordingProxy proxy = new RecordingProxy(urls.getBase())) {
            String viaProxy = proxy.origin() + baseUrl.substring(urls.getBase().length());
            Map<String, Object> result = run(Map.of(
                    "scim.service.url", viaProxy,
                    "auth.type", "Oauth",
                    "oauth.grant", "client_credentials",
                    "oauth.service.url", proxy.origin() + "/realms/" + realm.getName() + "/protocol/openid-connect/token",
                    "oauth.clientId", clientId,
                    "oauth.secret", secret));
            long passed = (Long) result.get("passed");
            long total = (Long) result.get("found");
            @SuppressWarnings("unchecked")
            Map<String, String> failures = (Map<String, String>) result.get("failures");
            report(passed, total, failures);

            List<RecordingProxy.Exchange> serverErrors = proxy.exchanges().stream().filter(e -> e.status() >= 500).toList();
            assertTrue(serverErrors.isEmpty(), "answers with a 5xx: " + serverErrors);
            List<RecordingProxy.Exchange> bare = proxy.exchanges().stream().filter(e -> e.status() >= 400 && !e.scimError()).toList();
            assertTrue(bare.isEmpty(), "failures that are not SCIM error documents: " + bare);
            assertTrue(proxy.exchanges().size() > total, "the suite called the directory through the proxy: " + proxy.exchanges().size());
            assertTrue(passed >= PASS_FLOOR, "scimono passed " + passed + " of " + total + ", the floor is " + PASS_FLOOR);
        }
    }

    /**
     * Runs the suite in a JVM of its own ({@link ScimonoRun}): this module's classpath without its
     * JUnit 6 and ANTLR 4.13, plus the JUnit 5 and ANTLR 4.9 jars of the versions scimono declares,
     * from the same local Maven repository (resolved with scimono:
     * {@code mvn dependency:get -Dartifact=com.sap.scimono:scimono-compliance-tests:0.0.24}).
     */
    private static Map<String, Object> run(Map<String, String> properties) throws Exception {
        List<String> entries = new ArrayList<>();
        Path repository = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String normalized = entry.replace(File.separatorChar, '/');
            if (normalized.contains("/com/sap/scimono/scimono-compliance-tests/")) {
                repository = Path.of(entry.substring(0, normalized.indexOf("/com/sap/scimono/")));
            }
            if (REPLACED.stream().noneMatch(normalized::contains)) {
                entries.add(entry);
            }
        }
        assertTrue(repository != null, "scimono is on the test classpath");
        for (String jar : SCIMONO_BUILT_WITH) {
            Path path = repository.resolve(jar);
            assertTrue(Files.isRegularFile(path), "scimono's own dependency is in the local repository: " + path
                    + " (mvn dependency:get -Dartifact=com.sap.scimono:scimono-compliance-tests:0.0.24)");
            entries.add(path.toString());
        }
        Path results = Path.of("target", "scimono-results.tsv").toAbsolutePath();
        Path log = Path.of("target", "scimono.log").toAbsolutePath();
        Files.createDirectories(results.getParent());
        Files.deleteIfExists(results);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/java.net=ALL-UNNAMED"));
        properties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.addAll(List.of("-cp", String.join(File.pathSeparator, entries), ScimonoRun.class.getName(), results.toString()));
        Process suite = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(suite.waitFor(20, TimeUnit.MINUTES), "scimono finished within 20 minutes; its output: " + log);
        assertEquals(0, suite.exitValue(), "scimono ran; its output: " + log);
        List<String> lines = Files.readAllLines(results);
        Map<String, String> failures = new TreeMap<>();
        lines.stream().skip(2).map(line -> line.split("\t", 2)).forEach(parts -> failures.put(parts[0], parts.length > 1 ? parts[1] : ""));
        return Map.of("passed", Long.parseLong(lines.get(0)), "found", Long.parseLong(lines.get(1)), "failures", failures);
    }

    private static void report(long passed, long total, Map<String, String> failures) throws IOException {
        StringBuilder list = new StringBuilder("# scimono 0.0.24 run\n\nPassed " + passed + " of " + total + ".\n\n");
        failures.forEach((test, reason) -> list.append("- `").append(test.replaceAll(".*\\[class:com\\.sap\\.scimono\\.scim\\.system\\.tests\\.", "")
                .replaceAll("\\]/\\[(method|test-template|test-template-invocation):", " ").replace("]", "")).append("`: ").append(reason).append('\n'));
        Path file = Path.of("target", "scimono-failures.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, list);
        System.out.println("scimono passed " + passed + " of " + total + "; failures in " + file.toAbsolutePath());
    }

    /** A confidential client whose client-credentials tokens carry scope scim by default, as the suite asks for no scope. */
    private void boundClient(String clientId, String secret) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret(secret);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        try (Response response = realm.admin().clients().create(client)) {
            assertEquals(201, response.getStatus());
        }
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        realm.admin().clients().get(id).addDefaultClientScope(scimScope());
    }

    private String scimScope() {
        ClientScopeRepresentation scope = new ClientScopeRepresentation();
        scope.setName("scim");
        scope.setProtocol("openid-connect");
        scope.setAttributes(Map.of("include.in.token.scope", "true"));
        try (Response response = realm.admin().clientScopes().create(scope)) {
            assertEquals(201, response.getStatus());
        }
        return realm.admin().clientScopes().findAll().stream().filter(s -> "scim".equals(s.getName())).findFirst()
                .map(ClientScopeRepresentation::getId).orElseThrow();
    }
}
