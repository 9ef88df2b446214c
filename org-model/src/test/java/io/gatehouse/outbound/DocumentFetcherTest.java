package io.gatehouse.outbound;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DocumentFetcherTest {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private DocumentFetcher loopbackAllowed;
    private DocumentFetcher production;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/doc", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<EntityDescriptor/>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/doc");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < 4 * DocumentFetcher.MAX_BYTES; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // the fetcher hung up, as it should
            }
        });
        server.start();
        loopbackAllowed = new DocumentFetcher(new UrlPolicy(new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32"))), false));
        production = new DocumentFetcher(new UrlPolicy(new AddressPolicy(List.of()), false));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        loopbackAllowed.close();
        production.close();
    }

    @Test
    void a_document_inside_the_allowed_network_is_fetched() throws Exception {
        assertEquals("<EntityDescriptor/>", loopbackAllowed.fetch("http://127.0.0.1:" + port() + "/doc"));
        assertEquals("<EntityDescriptor/>", loopbackAllowed.fetch("http://localhost:" + port() + "/doc"), "localhost's allowed address is used");
    }

    @Test
    void loopback_is_never_contacted_without_the_operator_allowing_it() {
        assertThrows(FetchFailed.class, () -> production.fetch("http://127.0.0.1:" + port() + "/doc"));
        assertThrows(FetchFailed.class, () -> production.fetch("http://localhost:" + port() + "/doc"));
        assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://127.0.0.2:" + port() + "/doc"));
        assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://[::1]:" + port() + "/doc"));
        assertEquals(0, requests.get(), "no request reached the server");
    }

    @Test
    void a_url_of_another_scheme_is_refused_before_anything_is_sent() {
        assertEquals(RefusedUrl.Reason.NOT_A_WEB_URL, assertThrows(RefusedUrl.class, () -> loopbackAllowed.fetch("file:///etc/passwd")).reason());
        assertEquals(RefusedUrl.Reason.NOT_A_WEB_URL, assertThrows(RefusedUrl.class, () -> loopbackAllowed.fetch(" JavaScript:alert(1)")).reason());
    }

    @Test
    void a_redirect_is_not_followed() {
        assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://127.0.0.1:" + port() + "/redirect"));
        assertEquals(1, requests.get(), "only the redirect was asked for");
    }

    @Test
    void a_closed_port_fails_like_a_refused_address() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://127.0.0.1:" + port + "/"));
    }

    @Test
    @Timeout(30)
    void a_document_over_the_cap_is_cut_off() {
        assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://127.0.0.1:" + port() + "/huge"));
    }

    @Test
    @Timeout(30)
    void a_server_that_drips_its_answer_is_given_up_on_at_the_deadline() throws IOException {
        try (ServerSocket dripper = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread drip = new Thread(() -> {
                try (Socket client = dripper.accept(); OutputStream out = client.getOutputStream()) {
                    for (byte b : "HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(1000);
                    }
                    while (true) {
                        out.write('a');
                        out.flush();
                        Thread.sleep(1000);
                    }
                } catch (IOException | InterruptedException e) {
                    // the fetcher hung up
                }
            });
            drip.setDaemon(true);
            drip.start();
            assertThrows(FetchFailed.class, () -> loopbackAllowed.fetch("http://127.0.0.1:" + dripper.getLocalPort() + "/"));
        }
    }

    private int port() {
        return server.getAddress().getPort();
    }
}
