package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Two Keycloak nodes as an operator runs them in production: the release zip with the bundle in
 * {@code providers/}, {@code kc.sh build --db=postgres --cache=ispn} once, then {@code kc.sh start}
 * (not start-dev) on each node, with one PostgreSQL database between them and Infinispan over
 * JGroups on loopback. The nodes find each other through Keycloak's default {@code jdbc-ping}
 * discovery, which keeps the members in that database.
 *
 * <p>Keycloak's test framework starts one server per run (its clustered mode needs containers), so
 * this small harness drives the distributions' own scripts, as {@code OperatorInstallTest} does.
 * Each node has its own HTTP, management and JGroups ports; the database is {@code gatehouse_cluster}
 * ({@code scripts/test-databases.sh} creates it empty before every run), reached through a
 * {@link DatabaseLink} so that a test can take the database away from both nodes. What each node
 * prints goes to {@code target/cluster-logs/node<N>.log}.
 */
public final class KeycloakCluster implements AutoCloseable {

    private static final Duration START = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One node: its distribution, its own ports, and the arguments it starts with. */
    public record Node(String name, KeycloakDistribution keycloak, int httpPort, List<String> startArguments) {

        public String baseUrl() {
            return "http://localhost:" + httpPort;
        }

        public void start() throws IOException, InterruptedException {
            keycloak.startServer(START, startArguments.toArray(String[]::new));
        }

        /** A master-realm admin token issued by this node. */
        public String adminToken() {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=admin&password=admin"))
                        .build();
                return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).get("access_token").asText();
            } catch (IOException e) {
                throw new IllegalStateException("No admin token from " + name, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public GatehouseApi api(String realm) {
            return new GatehouseApi(baseUrl(), realm, this::adminToken);
        }

        public GatehouseApi keycloakAdmin(String realm) {
            return GatehouseApi.keycloakAdmin(baseUrl(), realm, this::adminToken);
        }
    }

    private static final int DATABASE_LINK_PORT = 15433;
    /** How often the nodes' activity pruning job is due, so that a test can count its runs. */
    public static final int PRUNING_EVERY_SECONDS = 5;

    private final List<Node> nodes;
    private final DatabaseLink database;

    private KeycloakCluster(List<Node> nodes, DatabaseLink database) {
        this.nodes = nodes;
        this.database = database;
    }

    /** Builds one distribution, copies it for the second node, and starts both until they see each other. */
    public static KeycloakCluster start(Path workDir) throws Exception {
        Files.createDirectories(workDir.resolve("node1"));
        Files.createDirectories(workDir.resolve("node2"));
        KeycloakDistribution first = KeycloakDistribution.unpack(Path.of(System.getenv("GATEHOUSE_IT_KEYCLOAK_ZIP")), workDir.resolve("node1"));
        first.installProviders(Path.of(System.getenv("GATEHOUSE_IT_PROVIDERS_DIR")));
        int built = first.run(START, "build", "--db=postgres", "--cache=ispn", "--features=admin-fine-grained-authz:v2");
        if (built != 0) {
            throw new IllegalStateException("kc.sh build failed:\n" + String.join("\n", first.output()));
        }
        KeycloakDistribution second = first.copyTo(workDir.resolve("node2"));
        DatabaseLink database = DatabaseLink.open(DATABASE_LINK_PORT, "127.0.0.1", 5432);
        KeycloakCluster cluster = new KeycloakCluster(List.of(node(1, first), node(2, second)), database);
        for (Node node : cluster.nodes) {
            node.keycloak().logTo(Path.of(System.getProperty("gatehouse.cluster.logs", "target/cluster-logs")).resolve(node.name() + ".log"));
            node.start();
        }
        cluster.awaitMembers(2);
        return cluster;
    }

    private static Node node(int number, KeycloakDistribution keycloak) {
        String name = "node" + number;
        int httpPort = 18180 + number;
        List<String> arguments = new ArrayList<>(List.of("start", "--optimized",
                "--db-url=jdbc:postgresql://127.0.0.1:" + DATABASE_LINK_PORT + "/gatehouse_cluster",
                "--db-username=gatehouse", "--db-password=gatehouse",
                "--http-enabled=true", "--http-port=" + httpPort, "--http-management-port=" + (19180 + number),
                "--hostname-strict=false",
                "--spi-cache-embedded--default--node-name=" + name,
                "--cache-embedded-network-bind-address=127.0.0.1",
                "--cache-embedded-network-bind-port=" + (7810 + number),
                "--spi-gatehouse-organizations--default--fetch-allowed-networks=127.0.0.1/32",
                "--spi-gatehouse-organizations--default--activity-pruning-interval-seconds=" + PRUNING_EVERY_SECONDS,
                "--log-level=INFO,io.gatehouse.activity.ActivityPruning:debug"));
        return new Node(name, keycloak, httpPort, List.copyOf(arguments));
    }

    /** The network between the nodes and PostgreSQL, which a test may cut. */
    public DatabaseLink database() {
        return database;
    }

    public Node node(int number) {
        return nodes.get(number - 1);
    }

    /** Waits until every running node logs an Infinispan cluster view of {@code members} nodes. */
    public void awaitMembers(int members) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        String view = "(" + members + ") [";
        while (Instant.now().isBefore(deadline)) {
            if (nodes.stream().allMatch(node -> lastView(node).contains(view))) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("The nodes did not form a cluster of " + members + ": "
                + nodes.stream().map(node -> node.name() + " saw " + lastView(node)).toList());
    }

    private static String lastView(Node node) {
        List<String> views = node.keycloak().output().stream().filter(line -> line.contains("ISPN000094")).toList();
        return views.isEmpty() ? "no view" : views.get(views.size() - 1);
    }

    @Override
    public void close() throws Exception {
        for (Node node : nodes) {
            node.keycloak().close();
        }
        database.close();
    }
}
