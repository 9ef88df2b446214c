package io.gatehouse.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonPosterTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private JsonPoster loopbackAllowed;
    private JsonPoster production;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/hook", exchange -> {
            requests.incrementAndGet();
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " " + exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/hook");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
        loopbackAllowed = new JsonPoster(new UrlPolicy(new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32"))), false));
        production = new JsonPoster(new UrlPolicy(new AddressPolicy(List.of()), false));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        loopbackAllowed.close();
        production.close();
    }

    @Test
    void posts_the_body_and_headers_and_answers_the_status() throws Exception {
        JsonPoster.Answer answer = loopbackAllowed.post(url("/hook"), Map.of("webhook-id", "e1"), "{\"a\":1}");
        assertEquals(204, answer.status());
        assertTrue(answer.succeeded());
        assertEquals(List.of("{\"a\":1} e1"), bodies);
    }

    @Test
    void a_redirect_is_an_answer_and_is_not_followed() throws Exception {
        JsonPoster.Answer answer = loopbackAllowed.post(url("/redirect"), Map.of(), "{}");
        assertEquals(307, answer.status());
        assertFalse(answer.succeeded());
        assertEquals(1, requests.get(), "the redirect's target was not called");
    }

    @Test
    void never_connects_to_loopback_unless_the_operator_allowed_it() {
        FetchFailed refused = assertThrows(FetchFailed.class, () -> production.post(url("/hook"), Map.of(), "{}"));
        assertInstanceOf(UnknownHostException.class, refused.getCause());
        assertThrows(FetchFailed.class, () -> production.post("http://localhost:" + port() + "/hook", Map.of(), "{}"));
        assertThrows(FetchFailed.class, () -> production.post("http://[::ffff:127.0.0.1]:" + port() + "/hook", Map.of(), "{}"));
        assertEquals(0, requests.get());
    }

    @Test
    void refuses_what_is_not_a_web_url_before_sending_anything() {
        for (String url : List.of("file:///etc/passwd", "javascript:alert(1)", "gopher://127.0.0.1/", "http://user:pw@127.0.0.1/",
                "http://127.0.0.1/\nx", "/relative")) {
            assertThrows(RefusedUrl.class, () -> loopbackAllowed.post(url, Map.of(), "{}"), url);
        }
        assertEquals(0, requests.get());
    }

    @Test
    void a_server_that_never_answers_is_a_timeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            FetchFailed failed = assertThrows(FetchFailed.class,
                    () -> loopbackAllowed.post("http://127.0.0.1:" + silent.getLocalPort() + "/", Map.of(), "{}"));
            assertInstanceOf(SocketTimeoutException.class, failed.getCause());
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
