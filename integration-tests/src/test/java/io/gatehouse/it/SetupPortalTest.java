package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.LoopbackDns;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Setup links and the setup portal, driven as the customer's IT admin would over HTTP: a link is
 * opened once, its session is bound to one organization and its intents, and each step goes
 * through the same services as the management API.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class SetupPortalTest {

    private static final String STOP = "http://stop.invalid/";
    private static final Pattern TOKEN = Pattern.compile("id=\"gatehouse-scim-token\">([^<]+)<");
    private static final Pattern BASE_URL = Pattern.compile("id=\"gatehouse-scim-base-url\">([^<]+)<");
    private static final Pattern RECORD_VALUE = Pattern.compile("id=\"gatehouse-record-value\">([^<]+)<");
    private static final Pattern STATUS = Pattern.compile("id=\"gatehouse-verification-status\">([^<]+)<");

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    LoopbackDns dns = new LoopbackDns();
    String orgId;
    String domain;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "setup-" + OrgApiTest.unique() + ".test";
        ApiResponse org = api.createOrg(json(Map.of("name", "Setup " + domain, "domains", List.of(domain))));
        assertEquals(201, org.status(), org.toString());
        orgId = org.body().get("id").asText();
        dns.publish(Map.of());
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void a_link_is_shown_once_listed_without_its_url_and_opened_only_by_its_button() {
        ApiResponse created = link(List.of("domain", "scim"));
        String url = created.body().get("url").asText();

        ApiResponse listed = api.get("/orgs/" + orgId + "/setup-links");
        assertFalse(listed.rawBody().contains(url.substring(url.lastIndexOf('/') + 1)), "the secret is never listed");
        assertEquals("ACTIVE", listed.body().get(0).get("state").asText());

        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page start = itAdmin.open(url);
        assertEquals(200, start.status(), start.body());
        assertEquals(200, new BrowserlessUser(STOP).open(url).status(), "fetching the link (a mail scanner) does not use it up");

        Page portal = itAdmin.submit(start, Map.of());
        assertEquals(200, portal.status(), portal.body());
        assertTrue(portal.body().contains("Setup " + domain), portal.body());
        assertEquals("USED", api.get("/orgs/" + orgId + "/setup-links").body().get(0).get("state").asText());
    }

    @Test
    void a_link_answers_its_times_in_iso_8601() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ApiResponse created = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso"), "ttlSeconds", 7200)));
        Instant expires = Instant.parse(created.body().get("expiresAt").asText());
        assertFalse(expires.isBefore(before.plusSeconds(7200)), created.toString());

        JsonNode listed = api.get("/orgs/" + orgId + "/setup-links").body().get(0);
        assertEquals(expires, Instant.parse(listed.get("expiresAt").asText()), listed.toString());
        assertFalse(Instant.parse(listed.get("createdAt").asText()).isBefore(before), listed.toString());
        assertTrue(listed.get("usedAt").isNull(), listed.toString());

        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        itAdmin.submit(itAdmin.open(created.body().get("url").asText()), Map.of());
        Instant used = Instant.parse(api.get("/orgs/" + orgId + "/setup-links").body().get(0).get("usedAt").asText());
        assertFalse(used.isBefore(before), "used at " + used);
    }

    @Test
    void a_used_link_is_refused_with_a_clear_page() {
        String url = link(List.of("scim")).body().get("url").asText();
        BrowserlessUser first = new BrowserlessUser(STOP);
        first.submit(first.open(url), Map.of());

        BrowserlessUser second = new BrowserlessUser(STOP);
        Page reused = second.open(url);
        assertEquals(410, reused.status(), reused.body());
        assertTrue(reused.body().contains("no longer valid"), reused.body());
        assertTrue(reused.body().contains("Ask your vendor for a new one"), reused.body());
        assertEquals(410, post(url).statusCode(), "posting the start form again does not open it either");
    }

    @Test
    void revoked_and_expired_links_are_refused() {
        ApiResponse revoked = link(List.of("sso"));
        assertEquals(204, api.delete("/orgs/" + orgId + "/setup-links/" + revoked.body().get("id").asText()).status());
        assertEquals(410, new BrowserlessUser(STOP).open(revoked.body().get("url").asText()).status());

        assertEquals(400, api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso"), "ttlSeconds", 1))).status(),
                "a link lives at least five minutes");
        assertEquals(400, api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("everything")))).status());
    }

    @Test
    void the_it_admin_proves_the_domain_against_dns_and_creates_a_scim_directory() throws IOException {
        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page portal = itAdmin.submit(itAdmin.open(link(List.of("domain", "scim")).body().get("url").asText()), Map.of());

        Page record = itAdmin.press(portal, "action", "start");
        assertEquals(200, record.status(), record.body());
        String value = find(RECORD_VALUE, record);
        dns.publish(Map.of("_gatehouse-challenge." + domain, value));
        Page checked = itAdmin.press(record, "action", "check");
        assertEquals("verified", find(STATUS, checked), checked.body());
        assertTrue(api.get("/orgs/" + orgId).body().get("domains").get(0).get("verified").asBoolean());

        Page created = itAdmin.submit(checked, Map.of("name", "Okta"));
        String token = find(TOKEN, created);
        String baseUrl = find(BASE_URL, created);
        HttpResponse<String> users = send(HttpRequest.newBuilder(URI.create(baseUrl + "/Users")).header("Authorization", "Bearer " + token).GET());
        assertEquals(200, users.statusCode(), users.body());
        assertEquals("Okta", api.get("/orgs/" + orgId + "/scim-directories").body().get(0).get("name").asText());
        assertTrue(api.get("/orgs/" + orgId + "/activity").rawBody().contains("setup_link.used"));

        List<AdminEventRepresentation> portalWrites = realm.admin().getAdminEvents().stream()
                .filter(e -> "gatehouse-setup-portal".equals(e.getAuthDetails().getClientId()))
                .filter(e -> e.getDetails() != null && orgId.equals(e.getDetails().get("org_id"))).toList();
        assertEquals(List.of("CREATE ORGANIZATION", "ACTION ORGANIZATION", "ACTION ORGANIZATION"),
                portalWrites.stream().map(e -> e.getOperationType() + " " + e.getResourceType()).toList(),
                "the check, the start and the directory, newest first, are admin events: " + portalWrites);
        for (AdminEventRepresentation write : portalWrites) {
            assertEquals("setup_link", write.getDetails().get("actor"));
            assertNotNull(write.getDetails().get("setup_link"));
            assertFalse(String.valueOf(write.getRepresentation()).contains(token), "never the token");
        }
    }

    @Test
    void the_portal_does_only_what_the_link_allows() {
        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page portal = itAdmin.submit(itAdmin.open(link(List.of("domain")).body().get("url").asText()), Map.of());
        assertFalse(portal.body().contains("gatehouse-setup-scim"), "no SCIM step on a domain-only link");

        String csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(portal.body()).results().findFirst().orElseThrow().group(1);
        Page refused = itAdmin.submit(new Page(200, portal.uri(), "<form action=\"" + portal.uri() + "/scim\" method=\"post\">"
                + "<input name=\"csrf\" value=\"" + csrf + "\"><input name=\"name\" value=\"sneaky\"></form>"), Map.of("name", "sneaky"));
        assertEquals(403, refused.status(), refused.body());
        assertTrue(api.get("/orgs/" + orgId + "/scim-directories").body().isEmpty());

        Page noSession = new BrowserlessUser(STOP).open(portal.uri().toString());
        assertEquals(401, noSession.status(), "the portal needs the session of an opened link");
    }

    @Test
    void another_site_cannot_press_start_setup_and_the_link_still_works_afterwards() {
        String url = link(List.of("scim")).body().get("url").asText();

        HttpResponse<String> crossSite = send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("")));
        assertEquals(403, crossSite.statusCode(), "a form on another site posts without the start page's cookie");
        assertTrue(crossSite.body().contains("Open the setup link from your vendor again"), crossSite.body());
        assertTrue(crossSite.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("GATEHOUSE_SETUP=")), "no portal session");

        BrowserlessUser attacker = new BrowserlessUser(STOP);
        Page attackersStart = attacker.open(url);
        String attackersToken = Pattern.compile("name=\"open\" value=\"([^\"]+)\"").matcher(attackersStart.body()).results()
                .findFirst().orElseThrow().group(1);
        BrowserlessUser victim = new BrowserlessUser(STOP);
        Page withOthersToken = victim.submit(victim.open(url), Map.of("open", attackersToken));
        assertEquals(403, withOthersToken.status(), "a token from another browser's start page does not open it");
        Page withoutToken = victim.submit(new Page(200, URI.create(url), "<form action=\"" + url + "\" method=\"post\"><input name=\"x\" value=\"\"></form>"),
                Map.of());
        assertEquals(403, withoutToken.status(), "nor does the start page's cookie without its form's token");
        assertEquals("ACTIVE", api.get("/orgs/" + orgId + "/setup-links").body().get(0).get("state").asText(), "the link is not used up");

        Page portal = victim.submit(victim.open(url), Map.of());
        assertEquals(200, portal.status(), portal.body());
        assertTrue(portal.body().contains("Setup " + domain), portal.body());
    }

    @Test
    void one_link_creates_at_most_five_scim_directories() {
        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page portal = itAdmin.submit(itAdmin.open(link(List.of("scim")).body().get("url").asText()), Map.of());
        for (int i = 1; i <= 5; i++) {
            portal = itAdmin.submit(portal, Map.of("name", "Directory " + i));
            assertEquals(200, portal.status(), portal.body());
            find(TOKEN, portal);
        }
        Page refused = itAdmin.submit(portal, Map.of("name", "Directory 6"));
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("This setup link has created 5 SCIM directories, the most one link may"), refused.body());
        assertFalse(TOKEN.matcher(refused.body()).find(), "no token for a sixth");
        assertEquals(5, api.get("/orgs/" + orgId + "/scim-directories").body().size());
    }

    @Test
    void one_link_connects_at_most_five_identity_providers() {
        String metadata = send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName() + "/protocol/saml/descriptor")).GET()).body();
        Matcher entityId = Pattern.compile("entityID=\"([^\"]+)\"").matcher(metadata);
        assertTrue(entityId.find(), metadata);
        BrowserlessUser itAdmin = new BrowserlessUser(STOP);
        Page portal = itAdmin.submit(itAdmin.open(link(List.of("sso")).body().get("url").asText()), Map.of());
        for (int i = 1; i <= 5; i++) {
            portal = connectSaml(itAdmin, portal, metadata.replace(entityId.group(), "entityID=\"" + entityId.group(1) + "/" + i + "\""));
            assertEquals(200, portal.status(), portal.body());
            assertTrue(portal.body().contains("gatehouse-setup-connected"), portal.body());
        }
        Page refused = connectSaml(itAdmin, portal, metadata.replace(entityId.group(), "entityID=\"" + entityId.group(1) + "/6\""));
        assertEquals(409, refused.status(), refused.body());
        assertTrue(refused.body().contains("This setup link has connected 5 identity providers, the most one link may"), refused.body());
        assertEquals(5, api.get("/orgs/" + orgId + "/connections").body().size());
    }

    /** The portal's SAML form with pasted metadata (a textarea, which BrowserlessUser does not fill). */
    private static Page connectSaml(BrowserlessUser itAdmin, Page portal, String metadataXml) {
        String csrf = find(Pattern.compile("name=\"csrf\" value=\"([^\"]+)\""), portal);
        String action = find(Pattern.compile("id=\"gatehouse-setup-saml\"[^>]*action=\"([^\"]+)\""), portal);
        return itAdmin.submit(new Page(200, portal.uri(), "<form action=\"" + action + "\" method=\"post\"><input name=\"csrf\" value=\"" + csrf + "\"><input name=\"type\" value=\"saml\">"
                + "<input name=\"metadataXml\" value=\"\"></form>"), Map.of("metadataXml", metadataXml));
    }

    private ApiResponse link(List<String> intents) {
        ApiResponse created = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", intents)));
        assertEquals(201, created.status(), created.toString());
        return created;
    }

    private static String find(Pattern pattern, Page page) {
        Matcher matcher = pattern.matcher(page.body());
        assertTrue(matcher.find(), "expected " + pattern + " on " + page.uri() + ":\n" + page.body());
        return matcher.group(1);
    }

    private static HttpResponse<String> post(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
