package io.gatehouse.it.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback in front of Keycloak that records every answer a client got: its
 * method, path, status and whether the body is a SCIM error document. A compliance suite calls it
 * instead of Keycloak, so a test can check every answer the suite met, not only those its own
 * assertions look at. Token requests pass through unrecorded.
 */
final class RecordingProxy implements AutoCloseable {

    private static final Set<String> FORWARDED_REQUEST = Set.of("authorization", "content-type", "accept", "if-match", "if-none-match");
    private static final Set<String> FORWARDED_ANSWER = Set.of("content-type", "etag", "location", "www-authenticate", "allow");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN_PATH = "/protocol/openid-connect/token";

    /** One answer: {@code scimError} says whether its body is an RFC 7644 error document. */
    record Exchange(String method, String path, int status, boolean scimError, String body) {
        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String target;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

    /** @param target the origin to forward to, such as {@code http://localhost:8080} */
    RecordingProxy(String target) throws IOException {
        this.target = target;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            boolean tokenRequest = path.endsWith(TOKEN_PATH) && query != null;
            if (tokenRequest) {
                // scimono's client sends grant_type in the query, as SAP's OAuth server takes it; Keycloak reads the form only
                body = query.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + path + (query == null || tokenRequest ? "" : "?" + query)))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (FORWARDED_REQUEST.contains(name.toLowerCase()) && !(tokenRequest && "content-type".equalsIgnoreCase(name))) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            if (tokenRequest) {
                request.header("Content-Type", "application/x-www-form-urlencoded");
            }
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            // as a reverse proxy rewrites them: the URLs in an answer (meta.location, $ref, Location) name the proxy
            String text = new String(answer.body(), java.nio.charset.StandardCharsets.UTF_8).replace(target, origin());
            byte[] rewritten = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (!tokenRequest) {
                exchanges.add(new Exchange(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), answer.statusCode(), isScimError(text), text));
            }
            answer.headers().map().forEach((name, values) -> {
                if (FORWARDED_ANSWER.contains(name.toLowerCase())) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value.replace(target, origin())));
                }
            });
            boolean empty = rewritten.length == 0;
            exchange.sendResponseHeaders(answer.statusCode(), empty ? -1 : rewritten.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(rewritten);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static boolean isScimError(String body) {
        try {
            JsonNode parsed = JSON.readTree(body);
            return parsed != null && parsed.path("schemas").toString().contains("urn:ietf:params:scim:api:messages:2.0:Error")
                    && parsed.hasNonNull("status");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
