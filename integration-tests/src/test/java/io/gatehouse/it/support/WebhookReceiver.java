package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The Node webhook receiver (src/test/node/webhook-receiver) on a loopback port: it verifies every
 * delivery with the official Standard Webhooks library, so a test never checks a signature with
 * Gatehouse's own code. Its npm packages are installed by scripts/test-prerequisites.sh; nothing is
 * downloaded here.
 */
public final class WebhookReceiver implements AutoCloseable {

    private static final Path DIRECTORY = Path.of("src/test/node/webhook-receiver");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;

    private WebhookReceiver(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static WebhookReceiver start() throws IOException {
        if (!Files.isRegularFile(DIRECTORY.resolve("node_modules/standardwebhooks/package.json"))) {
            throw new IllegalStateException("The webhook receiver's npm packages are missing: run scripts/test-prerequisites.sh");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder("node", "receiver.js", Integer.toString(port))
                .directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"listening".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("The webhook receiver did not start: " + line);
        }
        return new WebhookReceiver(process, port);
    }

    /** The URL of the receiver's endpoint {@code name}, to create a Gatehouse webhook endpoint with. */
    public String url(String name) {
        return base() + "/hooks/" + name;
    }

    public void secret(String name, String secret) {
        control(name, "secret", secret);
    }

    /** Answers the next {@code count} deliveries to {@code name} with 500. */
    public void fail(String name, int count) {
        control(name, "fail", Integer.toString(count));
    }

    /** Never answers the next {@code count} deliveries to {@code name}, as a receiver whose sender died mid-request sees it. */
    public void hold(String name, int count) {
        control(name, "hold", Integer.toString(count));
    }

    /** What {@code name} received, in order of arrival: webhookId, timestamp, verified, answered (a status, or "held"), event. */
    public List<JsonNode> deliveries(String name) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/control/" + name + "/deliveries")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            List<JsonNode> deliveries = new ArrayList<>();
            JSON.readTree(response.body()).forEach(deliveries::add);
            return deliveries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The deliveries of {@code name} once {@code enough} holds for them; Gatehouse delivers in the
     * background, so this waits, and fails saying what arrived if it never holds.
     */
    public List<JsonNode> deliveriesOnce(String name, Predicate<List<JsonNode>> enough) throws InterruptedException {
        for (int tries = 0; tries < 300; tries++) {
            List<JsonNode> deliveries = deliveries(name);
            if (enough.test(deliveries)) {
                return deliveries;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The receiver's endpoint '" + name + "' got only: " + deliveries(name));
    }

    private void control(String name, String action, String body) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/control/" + name + "/" + action))
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 204) {
                throw new IllegalStateException("The receiver answered " + response.statusCode() + " to " + action);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
