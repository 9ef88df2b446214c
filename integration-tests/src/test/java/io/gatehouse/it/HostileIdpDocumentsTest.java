package io.gatehouse.it;

import com.sun.net.httpserver.HttpServer;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile customer IdP (or whoever holds a setup link) may put into a connection: metadata and
 * discovery documents whose endpoints are scripts or internal addresses, and metadata URLs that
 * probe the operator's network. Each is refused before an identity provider exists, and a fetch
 * that fails answers one sentence whatever the network said.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class HostileIdpDocumentsTest {

    private static final String GENERIC_METADATA_URL_FAILURE =
            "Could not fetch metadataUrl: the address is not allowed or did not answer with a document.";
    private static final String CERTIFICATE = "MIIDGTCCAgGgAwIBAgIUIgeKHq2A84VevU1R4yme8ZQVPRcwDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQaG9zdGlsZS1pZHAudGVzdDAgFw0yNjEyMDExMTE0MjRaGA8yMTI2MTEwNzExMTQyNFowGzEZMBcGA1UEAwwQaG9zdGlsZS1pZHAudGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJbQij4MkKQzVoXlqIKevhVl8jmAwsWf2AfeUMUSEcM++WRjBbr6O4b/irDmdcq4NoGrd5Aa2R6lkym0/UE0NQHtNoOCMOPsLAcaMoO6GskDraYBdHvPMBsGzQ1Cnl0NQo1LEkBje2jfQMXuzB/LXW5aPOXRVB+9dldwM2Lwe+/tomSd0ox0H5cjK2k+poibg/Py4iWRVPYBFscfezvrUDoZmfIiVdDanMEq9+A6WYdkwIqNM7pQ4klOsxoaz7rrkK26P+34thnqA5aoay8rqzyXq4PlgIQ7bs7G2v/ikimX0R7m9gU+r/7apqqBUcm43BkFgsOfhFSKBE3c9737vV8CAwEAAaNTMFEwHQYDVR0OBBYEFH7lRUQkbC450eUnHt4Sn44vm94GMB8GA1UdIwQYMBaAFH7lRUQkbC450eUnHt4Sn44vm94GMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAB9dJsjiO0a4zwt19YgnemKyPwMJH6qvpzdvgOKcCyZnbUr3BfKsdB6hVRFKjeRr7psHz6yBngRykgJZ+hvvA0Ls5rJk7srVL6yrJemoYhgyrpClV08bRPiyEpkDLkM+vODVMahUImYGYdzwyjlxZdyrplYkrYTdFH1rVZqZeScsPoR5wMyEncb7Nue17vlaTb7glW8vzyRgk9YnOpL4wOMMf5aX7SgCDGCFwjYM2yjUTjeRCTgG2UX0r7h8wYWW9SpX9tOUIlX+Y109m6zuOM1bMVmwC2MMktEXf4SbwxYoep7OFTnPujwJlOOBtedULzKn+4YMiXqB1vgS33/45wA=";
    private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    private static final String SOAP = "urn:oasis:names:tc:SAML:2.0:bindings:SOAP";

    /** The customer's IdP as the attacker runs it, on 127.0.0.1 (the tests' allowed network). */
    private static HttpServer idp;
    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static ServerSocket dripper;

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String orgAlias;

    @BeforeAll
    static void startHostileIdp() throws IOException {
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        idp.createContext("/doc/", exchange -> {
            REQUESTS.incrementAndGet();
            byte[] body = DOCUMENTS.getOrDefault(exchange.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        idp.createContext("/redirect-internal", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        idp.createContext("/redirect-to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", idpUrl("/doc/good-metadata"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        idp.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = ("<!-- " + "x".repeat(8 * 1024) + " -->").getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("<EntityDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\">").getBytes(StandardCharsets.UTF_8));
                for (int sent = 0; sent < 3_000_000; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // Gatehouse hung up, as it should
            }
        });
        idp.start();
        dripper = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Thread drip = new Thread(HostileIdpDocumentsTest::dripForever, "slow-drip-idp");
        drip.setDaemon(true);
        drip.start();
    }

    @AfterAll
    static void stopHostileIdp() throws IOException {
        idp.stop(0);
        dripper.close();
    }

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        String domain = "hostile-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Hostile " + domain, domain);
        orgAlias = api.get("/orgs/" + orgId).body().get("alias").asText();
    }

    @Test
    void metadata_with_allowed_http_endpoints_is_accepted() {
        ApiResponse created = saml(metadata(Map.of(POST, idpUrl("/sso")), Map.of(POST, idpUrl("/slo")), idpUrl("/artifact")));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void refuses_saml_metadata_with_javascript_sso_url() {
        for (String script : List.of("javascript:alert(document.domain)", "JavaScript:alert(document.cookie)",
                "  javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "\njavascript:alert(1)", "vbscript:msgbox(1)")) {
            ApiResponse refused = saml(metadata(Map.of(POST, escape(script)), Map.of(), null));
            assertRefused(refused, "invalid_metadata", script);
            assertEquals("The SingleSignOnService URL must be an http or https URL.", refused.message(), script);
        }
        assertNoIdentityProvider();
    }

    @Test
    void refuses_saml_metadata_with_a_redirect_binding_sso_url_that_is_a_script() {
        ApiResponse refused = saml(metadata(Map.of(REDIRECT, "javascript:alert(1)"), Map.of(), null));
        assertRefused(refused, "invalid_metadata", "redirect binding");
        assertEquals("The SingleSignOnService URL must be an http or https URL.", refused.message());
        assertNoIdentityProvider();
    }

    @Test
    void refuses_saml_metadata_with_javascript_or_internal_single_logout_url() {
        ApiResponse script = saml(metadata(Map.of(POST, idpUrl("/sso")), Map.of(POST, "javascript:alert(1)"), null));
        assertRefused(script, "invalid_metadata", "javascript: SLO");
        assertEquals("The SingleLogoutService URL must be an http or https URL.", script.message());

        ApiResponse internal = saml(metadata(Map.of(POST, idpUrl("/sso")), Map.of(REDIRECT, "http://169.254.169.254/latest/meta-data/"), null));
        assertRefused(internal, "invalid_metadata", "metadata-service SLO");
        assertEquals("The SingleLogoutService URL's host has an address that is not allowed, or could not be resolved.", internal.message());
        assertNoIdentityProvider();
    }

    @Test
    void refuses_saml_metadata_whose_artifact_resolution_service_is_internal() {
        for (String internal : List.of("http://10.0.0.1/artifact", "http://169.254.169.254/", "http://[::1]:8080/", "http://127.0.0.2/")) {
            ApiResponse refused = saml(metadata(Map.of(POST, idpUrl("/sso")), Map.of(), internal));
            assertRefused(refused, "invalid_metadata", internal);
            assertEquals("The ArtifactResolutionService URL's host has an address that is not allowed, or could not be resolved.",
                    refused.message(), internal);
        }
        assertNoIdentityProvider();
    }

    @Test
    void a_discovery_document_with_allowed_endpoints_is_accepted() {
        ApiResponse created = oidc(discovery(Map.of()));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void refuses_discovery_documents_whose_endpoints_are_internal_or_scripts() {
        Map<String, String> attacks = new LinkedHashMap<>();
        attacks.put("token_endpoint", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
        attacks.put("jwks_uri", "http://10.0.0.1/jwks");
        attacks.put("userinfo_endpoint", "http://[::ffff:169.254.169.254]/userinfo");
        attacks.put("introspection_endpoint", "http://192.168.1.1/introspect");
        attacks.put("end_session_endpoint", "javascript:alert(document.domain)");
        attacks.put("authorization_endpoint", " JavaScript:alert(document.domain)");
        attacks.forEach((field, url) -> {
            ApiResponse refused = oidc(discovery(Map.of(field, url)));
            assertRefused(refused, "invalid_discovery", field);
            assertTrue(refused.message().startsWith("The " + field + " URL"), refused.message());
            assertTrue(!refused.message().contains(url.strip()), "the attacker's URL is not echoed: " + refused.message());
        });
        assertNoIdentityProvider();
    }

    @Test
    void a_failed_fetch_says_the_same_whatever_the_network_said() throws IOException {
        int closedPort = closedPort();
        List<String> probes = List.of(
                "http://127.0.0.2:" + closedPort + "/",                 // loopback outside the allow list
                "http://[::1]:" + idp.getAddress().getPort() + "/doc/good-metadata", // IPv6 loopback, not allowed, a live server behind it
                "http://169.254.169.254/latest/meta-data/",             // the cloud metadata service
                "http://10.0.0.1:22/",                                  // a private address
                "http://0.0.0.0:" + idp.getAddress().getPort() + "/doc/good-metadata",
                "http://127.0.0.1:" + closedPort + "/",                 // inside the allow list, closed port
                idpUrl("/doc/missing"));                                // inside the allow list, a 404
        int before = REQUESTS.get();
        Set<String> answers = probes.stream().map(url -> {
            ApiResponse answer = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", url)));
            return answer.status() + " " + answer.error() + " " + answer.message();
        }).collect(Collectors.toSet());
        assertEquals(Set.of("400 unreachable_metadataUrl " + GENERIC_METADATA_URL_FAILURE), answers);
        assertEquals(before + 1, REQUESTS.get(), "only the allowed 404 probe reached a server");
        assertNoIdentityProvider();
    }

    @Test
    void a_failed_discovery_fetch_gives_the_generic_answer_too() throws IOException {
        for (String url : List.of("http://127.0.0.1:" + closedPort() + "/.well-known/openid-configuration",
                "http://169.254.169.254/.well-known/openid-configuration")) {
            ApiResponse answer = api.post("/orgs/" + orgId + "/connections",
                    json(Map.of("type", "oidc", "discoveryUrl", url, "clientId", "a", "clientSecret", "b")));
            assertRefused(answer, "unreachable_discoveryUrl", url);
            assertEquals("Could not fetch discoveryUrl: the address is not allowed or did not answer with a document.", answer.message());
        }
    }

    @Test
    void a_metadata_url_of_another_scheme_is_refused_by_its_form() {
        for (String url : List.of("file:///etc/passwd", " JavaScript:alert(1)", "gopher://127.0.0.1:6379/_INFO", "ftp://127.0.0.1/metadata.xml")) {
            ApiResponse refused = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", url)));
            assertRefused(refused, "invalid_metadataUrl", url);
            assertEquals("metadataUrl must be an http or https URL.", refused.message());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void an_oversized_metadata_document_is_cut_off() {
        ApiResponse answer = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", idpUrl("/huge"))));
        assertRefused(answer, "unreachable_metadataUrl", "3 MB");
        assertEquals(GENERIC_METADATA_URL_FAILURE, answer.message());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_server_that_drips_its_answer_gets_the_generic_answer_at_the_deadline() {
        String url = "http://127.0.0.1:" + dripper.getLocalPort() + "/metadata";
        ApiResponse answer = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", url)));
        assertRefused(answer, "unreachable_metadataUrl", url);
        assertEquals(GENERIC_METADATA_URL_FAILURE, answer.message());
    }

    @Test
    void a_redirect_is_not_followed_neither_inward_nor_to_a_document() {
        DOCUMENTS.put("/doc/good-metadata", metadata(Map.of(POST, idpUrl("/sso")), Map.of(), null));
        for (String url : List.of(idpUrl("/redirect-internal"), idpUrl("/redirect-to-metadata"))) {
            ApiResponse answer = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", url)));
            assertRefused(answer, "unreachable_metadataUrl", url);
            assertEquals(GENERIC_METADATA_URL_FAILURE, answer.message());
        }
        assertNoIdentityProvider();
        ApiResponse direct = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataUrl", idpUrl("/doc/good-metadata"))));
        assertEquals(201, direct.status(), "the document itself is fine: " + direct);
    }

    @Test
    void the_setup_portal_refuses_javascript_metadata_on_its_page_and_creates_nothing() {
        ApiResponse link = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso"))));
        assertEquals(201, link.status(), link.toString());
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        Page portal = itAdmin.submit(itAdmin.open(link.body().get("url").asText()), Map.of());
        assertEquals(200, portal.status(), portal.body());

        Matcher samlForm = Pattern.compile("<form id=\"gatehouse-setup-saml\"[^>]*action=\"([^\"]+)\"").matcher(portal.body());
        assertTrue(samlForm.find(), portal.body());
        String csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(portal.body()).results().findFirst().orElseThrow().group(1);
        Page form = new Page(200, portal.uri(), "<form action=\"" + samlForm.group(1) + "\" method=\"post\"><input name=\"csrf\" value=\"" + csrf
                + "\"><input name=\"type\" value=\"saml\"><input name=\"metadataUrl\" value=\"\"><input name=\"metadataXml\" value=\"\"></form>");
        Page refused = itAdmin.submit(form, Map.of("metadataXml", metadata(Map.of(POST, "JavaScript:alert(document.domain)"), Map.of(), null)));

        assertEquals(200, refused.status(), refused.body());
        assertTrue(refused.body().contains("The SingleSignOnService URL must be an http or https URL."), refused.body());
        assertTrue(!refused.body().contains("alert(document.domain)"), "the script is not echoed");
        assertNoIdentityProvider();
    }

    private ApiResponse saml(String metadataXml) {
        return api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml", "metadataXml", metadataXml)));
    }

    private ApiResponse oidc(String discoveryDocument) {
        String path = "/doc/discovery-" + OrgApiTest.unique();
        DOCUMENTS.put(path, discoveryDocument);
        return api.post("/orgs/" + orgId + "/connections",
                json(Map.of("type", "oidc", "discoveryUrl", idpUrl(path), "clientId", "app", "clientSecret", "secret")));
    }

    private static void assertRefused(ApiResponse answer, String error, String what) {
        assertEquals(400, answer.status(), what + ": " + answer);
        assertEquals(error, answer.error(), what + ": " + answer);
    }

    private void assertNoIdentityProvider() {
        assertEquals(0, api.get("/orgs/" + orgId + "/connections").body().size(), "the organization has no connection");
        assertTrue(realm.admin().identityProviders().findAll().stream().noneMatch(i -> i.getAlias().startsWith(orgAlias + "-")),
                "no identity provider was created");
    }

    /** SAML metadata with these SingleSignOnService and SingleLogoutService locations (by binding) and artifact resolution service. */
    private static String metadata(Map<String, String> sso, Map<String, String> slo, String artifactResolution) {
        StringBuilder xml = new StringBuilder("<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + idpUrl("/entity") + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + CERTIFICATE
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        if (artifactResolution != null) {
            xml.append("<md:ArtifactResolutionService Binding=\"" + SOAP + "\" Location=\"" + artifactResolution + "\" index=\"0\"/>");
        }
        slo.forEach((binding, location) -> xml.append("<md:SingleLogoutService Binding=\"" + binding + "\" Location=\"" + location + "\"/>"));
        xml.append("<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>");
        sso.forEach((binding, location) -> xml.append("<md:SingleSignOnService Binding=\"" + binding + "\" Location=\"" + location + "\"/>"));
        return xml.append("</md:IDPSSODescriptor></md:EntityDescriptor>").toString();
    }

    /** A discovery document whose endpoints are all on the allowed test IdP, but for {@code overrides}. */
    private static String discovery(Map<String, String> overrides) {
        Map<String, String> document = new LinkedHashMap<>();
        document.put("issuer", idpUrl("/issuer"));
        document.put("authorization_endpoint", idpUrl("/authorize"));
        document.put("token_endpoint", idpUrl("/token"));
        document.put("jwks_uri", idpUrl("/jwks"));
        document.put("userinfo_endpoint", idpUrl("/userinfo"));
        document.put("introspection_endpoint", idpUrl("/introspect"));
        document.put("end_session_endpoint", idpUrl("/logout"));
        document.putAll(overrides);
        return json(document);
    }

    private static String idpUrl(String path) {
        return "http://127.0.0.1:" + idp.getAddress().getPort() + path;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    /** Answers every connection a byte a second, forever: a worker held by it would never come back. */
    private static void dripForever() {
        while (!dripper.isClosed()) {
            try {
                Socket client = dripper.accept();
                Thread writer = new Thread(() -> {
                    try (client; OutputStream out = client.getOutputStream()) {
                        for (byte b : "HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)) {
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
                        // Gatehouse hung up
                    }
                });
                writer.setDaemon(true);
                writer.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
