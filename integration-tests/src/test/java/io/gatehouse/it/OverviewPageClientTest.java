package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientMappingsRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview page's client {@code gatehouse-console} in the admin realm, against the attack that
 * stole a signed-in vendor admin's token with one link: an auth request for the page's client whose
 * redirect_uri was another Keycloak URL (a brokered login to the customer's own "IdP", with
 * response_mode=fragment), so that the browser carried the code on to the attacker. Replayed here
 * with plain HTTP as the signed-in admin, up to where Keycloak must refuse it.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OverviewPageClientTest {

    private static final String CLIENT_ID = "gatehouse-console";
    /** The roles the page's tokens may carry, of master's own management client (master-realm). */
    private static final Set<String> PAGE_ROLES = Set.of("view-organizations", "manage-organizations",
            "query-users", "view-users", "view-identity-providers", "view-events");
    /**
     * Of any other realm's management client (<realm>-realm): also manage-users (SCIM, invitations, support
     * accounts) and manage-identity-providers (connections, SSO setup links).
     */
    private static final Set<String> REALM_PAGE_ROLES = Stream.concat(PAGE_ROLES.stream(),
            Stream.of("manage-users", "manage-identity-providers")).collect(Collectors.toSet());
    /** What Keycloak puts in a token for those: with the read-only query roles they include as composites. */
    private static final Set<String> PAGE_ROLES_WITH_COMPOSITES = Stream.concat(REALM_PAGE_ROLES.stream(),
            Stream.of("query-groups", "query-organizations")).collect(Collectors.toSet());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    String page;
    String verifier;

    @BeforeEach
    void pkce() {
        page = urls.getBase() + "/realms/master/gatehouse-admin/";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    @Test
    void the_client_is_there_from_the_start_redirects_only_to_the_page_and_has_no_full_scope() {
        ClientRepresentation client = pageClient();
        assertNotNull(client, "created at server start, without any request to the page");
        assertEquals(List.of("/realms/master/gatehouse-admin/"), client.getRedirectUris());
        assertFalse(client.isFullScopeAllowed(), "no full scope");
        assertTrue(client.isPublicClient());
        assertFalse(client.isImplicitFlowEnabled());
        assertFalse(client.isDirectAccessGrantsEnabled());
        assertEquals("S256", client.getAttributes().get("pkce.code.challenge.method"));
        assertEquals(REALM_PAGE_ROLES, scopedRoles(client, realm.getName() + "-realm"), "the page's roles of the test realm");
        assertEquals(PAGE_ROLES, scopedRoles(client, "master-realm"), "never manage-users or manage-identity-providers of master, whose users are the server's admins");
        assertTrue(master().clients().get(client.getId()).getScopeMappings().realmLevel().listAll().isEmpty(), "no realm role, so no 'admin'");
    }

    @Test
    void an_auth_request_that_redirects_anywhere_but_the_page_is_refused_and_issues_no_code() {
        BrowserlessUser vendorAdmin = new BrowserlessUser(urls.getBase() + "/realms/" + realm.getName() + "/");
        Page signedIn = vendorAdmin.signIn(vendorAdmin.open(authUrl(page, "query")), "admin", "admin");
        assertTrue(signedIn.uri().toString().startsWith(page) && signedIn.uri().getQuery().contains("code="),
                "the admin is signed in through the page's own address: " + signedIn.uri());

        String brokerLogin = urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&redirect_uri=" + enc(urls.getBase() + "/realms/" + realm.getName() + "/account/")
                + "&kc_idp_hint=" + enc("acme-oidc");
        List<String> elsewhere = List.of(
                brokerLogin,
                urls.getBase() + "/realms/" + realm.getName() + "/account/",
                page + "?realm=" + realm.getName(),
                page + "config.json",
                urls.getBase() + "/realms/" + realm.getName() + "/gatehouse-admin/");
        for (String redirect : elsewhere) {
            Page refused = vendorAdmin.open(authUrl(redirect, "fragment"));
            assertEquals(400, refused.status(), redirect + " → " + refused.uri());
            assertTrue(refused.body().contains("Invalid parameter: redirect_uri"), refused.body());
            assertNull(refused.uri().getFragment(), "no code carried on: " + refused.uri());
            assertFalse(refused.uri().toString().contains("code="), refused.uri().toString());
        }
    }

    @Test
    void anonymous_requests_to_the_page_neither_create_nor_change_its_client() {
        ClientRepresentation before = pageClient();
        Map<String, ClientMappingsRepresentation> scopes = master().clients().get(before.getId()).getScopeMappings().getAll().getClientMappings();
        master().clients().get(before.getId()).remove();
        try {
            assertEquals(200, get(page).statusCode());
            assertEquals(200, get(page + "config.json").statusCode());
            HttpResponse<String> old = get(urls.getBase() + "/realms/" + realm.getName() + "/gatehouse-admin/?org=x");
            assertEquals(303, old.statusCode(), "an older link is sent to the page");
            assertEquals(page + "?realm=" + realm.getName() + "&org=x", old.headers().firstValue("Location").orElseThrow());
            assertNull(pageClient(), "the page's requests create no client");
        } finally {
            restore(before, scopes);
        }

        ClientRepresentation restored = pageClient();
        ClientRepresentation widened = pageClient();
        widened.setRedirectUris(List.of("/realms/*"));
        widened.setFullScopeAllowed(true);
        master().clients().get(widened.getId()).update(widened);
        try {
            get(page);
            get(urls.getBase() + "/realms/" + realm.getName() + "/gatehouse-admin/");
            assertEquals(List.of("/realms/*"), pageClient().getRedirectUris(), "a request changes nothing (a restart puts it back)");
            assertTrue(pageClient().isFullScopeAllowed());
        } finally {
            master().clients().get(restored.getId()).update(restored);
        }
        assertEquals(List.of("/realms/master/gatehouse-admin/"), pageClient().getRedirectUris());
        assertEquals(REALM_PAGE_ROLES, scopedRoles(pageClient(), realm.getName() + "-realm"));
    }

    @Test
    void the_pages_token_carries_only_the_pages_roles() throws Exception {
        BrowserlessUser vendorAdmin = new BrowserlessUser(page);
        Page back = vendorAdmin.signIn(vendorAdmin.open(authUrl(page, "query")), "admin", "admin");
        String code = queryParam(back.uri(), "code");
        JsonNode tokens = redeem(code);
        String accessToken = tokens.get("access_token").asText();
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));

        assertFalse(claims.at("/realm_access/roles").toString().contains("\"admin\""), "no master admin role: " + claims);
        Set<String> carried = new HashSet<>();
        claims.path("resource_access").fields().forEachRemaining(entry ->
                entry.getValue().path("roles").forEach(role -> carried.add(entry.getKey() + "/" + role.asText())));
        for (String role : carried) {
            assertTrue(PAGE_ROLES_WITH_COMPOSITES.contains(role.substring(role.indexOf('/') + 1)), "only the page's roles, not " + role + " in " + carried);
        }
        assertTrue(carried.contains(realm.getName() + "-realm/manage-organizations"), carried.toString());
        assertFalse(carried.stream().anyMatch(r -> r.endsWith("/realm-admin") || r.endsWith("/manage-realm") || r.endsWith("/create-realm")));
        assertFalse(carried.contains("master-realm/manage-users"), "a stolen page token must not reset the server's admins' passwords: " + carried);
        assertFalse(carried.contains("master-realm/manage-identity-providers"),
                "nor add an IdP to master whose hardcoded-role mapper makes server admins: " + carried);

        assertEquals(200, bearer(accessToken, "/admin/realms/" + realm.getName() + "/gatehouse/orgs").statusCode(), "the page still works");
        assertEquals(403, bearer(accessToken, "/admin/realms/" + realm.getName() + "/clients").statusCode(), "no more than the page needs");
        assertEquals(403, bearer(accessToken, "/admin/realms/master/clients").statusCode());
    }

    private String authUrl(String redirectUri, String responseMode) {
        return urls.getBase() + "/realms/master/protocol/openid-connect/auth?client_id=" + CLIENT_ID
                + "&response_type=code&scope=openid&response_mode=" + responseMode
                + "&redirect_uri=" + enc(redirectUri) + "&state=s" + "&code_challenge_method=S256&code_challenge=" + challenge();
    }

    private JsonNode redeem(String code) throws IOException, InterruptedException {
        String form = "grant_type=authorization_code&client_id=" + CLIENT_ID + "&code=" + enc(code)
                + "&redirect_uri=" + enc(page) + "&code_verifier=" + enc(verifier);
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private HttpResponse<String> bearer(String token, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(urls.getBase() + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Puts the client back as the server made it, for the tests after this one. */
    private void restore(ClientRepresentation client, Map<String, ClientMappingsRepresentation> scopes) {
        master().clients().create(client).close();
        ClientResource restored = master().clients().get(pageClient().getId());
        scopes.values().forEach(management -> restored.getScopeMappings().clientLevel(management.getId()).add(management.getMappings()));
    }

    private Set<String> scopedRoles(ClientRepresentation client, String management) {
        return master().clients().get(client.getId()).getScopeMappings().clientLevel(managementId(management)).listAll().stream()
                .map(RoleRepresentation::getName).collect(Collectors.toSet());
    }

    private String managementId(String clientId) {
        return master().clients().findByClientId(clientId).get(0).getId();
    }

    private ClientRepresentation pageClient() {
        List<ClientRepresentation> found = new ArrayList<>(master().clients().findByClientId(CLIENT_ID));
        return found.isEmpty() ? null : found.get(0);
    }

    private RealmResource master() {
        return admin.realm("master");
    }

    private String challenge() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String queryParam(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
