package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Brokered logins through an organization's connections, against a second Keycloak realm acting
 * as the customer's IdP over OIDC and over SAML. Only emails in the organization's domains get in.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrokeredLoginTest {

    private static final String PASSWORD = "password";
    private static final String REFUSAL = "not allowed for this organization";

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String acmeId;
    String acmeDomain;
    Map<String, String> acmeConnections;

    @BeforeEach
    void onboardAcme() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        acmeDomain = "acme-" + OrgApiTest.unique() + ".test";
        acmeId = api.createOrg("Acme " + acmeDomain, acmeDomain);
        acmeConnections = Map.of("oidc", connect(acmeId, "oidc"), "saml", connect(acmeId, "saml"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_user_in_the_domain_signs_in_and_becomes_a_managed_member_with_the_default_role(String protocol) {
        String username = idpUser("alice", "alice-" + protocol + "@" + acmeDomain, true);

        Page page = login(protocol, username);
        assertSignedIn(page);

        UserRepresentation user = spUser("alice-" + protocol + "@" + acmeDomain);
        MemberRepresentation member = sso.admin().organizations().get(acmeId).members().member(user.getId()).toRepresentation();
        assertEquals("MANAGED", member.getMembershipType().name());
        JsonNode organizationClaim = tokenClaims(page).get("organization");
        assertNotNull(organizationClaim, "the token carries Keycloak's organization claim");
        String alias = api.get("/orgs/" + acmeId).body().get("alias").asText();
        assertTrue(organizationClaim.path(alias).path("groups").toString().contains("member"), organizationClaim.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_user_outside_the_domain_is_refused_and_no_user_is_created(String protocol) {
        String email = "mallory-" + protocol + "@evil-" + OrgApiTest.unique() + ".test";
        String username = idpUser("mallory", email, true);

        Page page = login(protocol, username);

        assertRefused(page);
        assertNoSpUser(email);
        EventRepresentation event = lastRefusal();
        assertEquals(acmeConnections.get(protocol), event.getDetails().get("identity_provider"));
        assertEquals(acmeId, event.getDetails().get("org_id"));
        assertEquals("domain_not_allowed", event.getDetails().get("reason"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void an_upper_case_domain_is_accepted(String protocol) {
        String username = idpUser("upper", "UPPER-" + protocol + "@" + acmeDomain.toUpperCase(), true);
        assertSignedIn(login(protocol, username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_lookalike_domain_is_refused(String protocol) {
        String email = "look-" + protocol + "@" + acmeDomain + ".evil.test";
        assertRefused(login(protocol, idpUser("look", email, true)));
        assertNoSpUser(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_subdomain_is_refused_until_the_org_allows_subdomains(String protocol) {
        String email = "sub-" + protocol + "@eng." + acmeDomain;
        String username = idpUser("sub", email, true);
        assertRefused(login(protocol, username));

        assertEquals(200, api.put("/orgs/" + acmeId, json(Map.of("policies", Map.of("allowSubdomains", true)))).status());
        assertSignedIn(login(protocol, username));
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void an_email_changed_at_the_idp_to_a_foreign_domain_is_refused_on_the_next_login(String protocol) {
        String username = idpUser("carol", "carol-" + protocol + "@" + acmeDomain, true);
        assertSignedIn(login(protocol, username));

        UserRepresentation atIdp = customer.admin().users().search(username, true).get(0);
        atIdp.setEmail("carol-" + protocol + "@elsewhere-" + OrgApiTest.unique() + ".test");
        customer.admin().users().get(atIdp.getId()).update(atIdp);

        assertRefused(login(protocol, username));
    }

    @Test
    void the_first_broker_login_never_links_to_an_existing_account_by_email_alone() {
        String email = "existing@" + acmeDomain;
        TestUsers.create(sso.admin(), "existing-" + OrgApiTest.unique(), email, true, "a-local-password-123");
        String idpUsername = idpUser("existing", email, true);

        Page page = login("oidc", idpUsername);

        assertFalse(page.reachedApp(SsoRealm.APP_REDIRECT), "signed in without proving the existing account");
        assertTrue(page.body().contains("already exists"), page.body());
        String userId = spUser(email).getId();
        assertTrue(sso.admin().users().get(userId).getFederatedIdentity().isEmpty(), "no link was made");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_missing_email_is_refused(String protocol) {
        String username;
        if (protocol.equals("oidc")) {
            UPConfig profile = customer.admin().users().userProfile().getConfiguration();
            profile.getAttribute("email").setRequired(null);
            customer.admin().users().userProfile().update(profile);
            username = idpUser("noemail", null, true);
        } else {
            samlNameIdFormat("persistent");
            username = idpUser("noemail", "noemail-saml@" + acmeDomain, true);
        }

        Page page;
        try {
            page = login(protocol, username);
        } finally {
            samlNameIdFormat("email");
        }

        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("did not send a usable email address"), page.body());
        assertTrue(List.of("no_email", "malformed_email").contains(lastRefusal().getDetails().get("reason")));
        assertEquals(0, sso.admin().users().search(username, true).size());
    }

    @Test
    void a_saml_connection_can_take_the_email_from_an_attribute() {
        samlNameIdFormat("persistent");
        var clients = customer.admin().clients();
        var samlClient = clients.findByClientId(urls.getBase() + "/realms/" + SsoRealm.NAME).get(0);
        ProtocolMapperRepresentation mail = new ProtocolMapperRepresentation();
        mail.setName("mail attribute");
        mail.setProtocol("saml");
        mail.setProtocolMapper("saml-user-property-mapper");
        mail.setConfig(Map.of("user.attribute", "email", "attribute.name", "mail", "attribute.nameformat", "Basic"));
        String mapperId;
        try (Response created = clients.get(samlClient.getId()).getProtocolMappers().createMapper(mail)) {
            assertEquals(201, created.getStatus());
            mapperId = org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(created);
        }
        try {
            ApiResponse connection = api.post("/orgs/" + acmeId + "/connections", json(Map.of("type", "saml",
                    "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor",
                    "emailAttribute", "mail")));
            assertEquals(201, connection.status(), connection.toString());
            String alias = activated(acmeId, connection.body().get("id").asText());

            assertSignedIn(login(alias, idpUser("attr", "attr@" + acmeDomain, true)));
            assertRefused(login(alias, idpUser("attr", "attr@evil-" + OrgApiTest.unique() + ".test", true)));
        } finally {
            clients.get(samlClient.getId()).getProtocolMappers().delete(mapperId);
            samlNameIdFormat("email");
        }
    }

    @Test
    void the_sp_metadata_url_serves_saml_metadata_for_the_customer_to_import() throws Exception {
        String metadataUrl = connection(acmeConnections.get("saml")).get("spMetadataUrl").asText();
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(metadataUrl)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("EntityDescriptor") && response.body().contains("AssertionConsumerService"), response.body());
    }

    /** "persistent": a SAML IdP that names people by an opaque id and sends no email attribute. */
    private void samlNameIdFormat(String format) {
        var clients = customer.admin().clients();
        var saml = clients.findByClientId(urls.getBase() + "/realms/" + SsoRealm.NAME).get(0);
        saml.getAttributes().put("saml_name_id_format", format);
        clients.get(saml.getId()).update(saml);
    }

    @Test
    void an_unverified_email_is_refused() {
        String email = "unverified@" + acmeDomain;
        Page page = login("oidc", idpUser("unverified", email, false));
        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("not verified"), page.body());
        assertNoSpUser(email);
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void org_a_connection_asserting_org_b_domain_is_refused(String protocol) {
        String bDomain = "b-corp-" + OrgApiTest.unique() + ".test";
        api.createOrg("B Corp " + bDomain, bDomain);
        String email = "ceo-" + protocol + "@" + bDomain;

        assertRefused(login(protocol, idpUser("ceo", email, true)));
        assertNoSpUser(email);
    }

    @Test
    void an_idp_linked_through_keycloaks_own_api_is_guarded_too() {
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias("native-" + OrgApiTest.unique());
        idp.setProviderId("oidc");
        idp.setConfig(Map.of("clientId", "x", "clientSecret", "y", "authorizationUrl", "https://idp.example.test/auth",
                "tokenUrl", "https://idp.example.test/token"));
        try (Response created = sso.admin().identityProviders().create(idp)) {
            assertEquals(201, created.getStatus());
        }
        try (Response linked = sso.admin().organizations().get(acmeId).identityProviders().addIdentityProvider(idp.getAlias())) {
            assertEquals(204, linked.getStatus());
        }
        assertTrue(hasEnforcement(idp.getAlias()));
    }

    @Test
    void removing_the_enforcement_by_hand_does_not_disable_it() {
        String alias = acmeConnections.get("oidc");
        IdentityProviderMapperRepresentation mapper = sso.admin().identityProviders().get(alias).getMappers().stream()
                .filter(m -> m.getIdentityProviderMapper().equals("gatehouse-domain-enforcement")).findFirst().orElseThrow();

        sso.admin().identityProviders().get(alias).delete(mapper.getId());

        assertTrue(hasEnforcement(alias));
        String email = "after-removal@evil-" + OrgApiTest.unique() + ".test";
        assertRefused(login("oidc", idpUser("after", email, true)));
    }

    @Test
    void connections_tell_the_customer_what_to_paste_into_their_idp() {
        JsonNode list = api.get("/orgs/" + acmeId + "/connections").body();
        assertEquals(2, list.size(), list.toString());
        for (JsonNode connection : list) {
            String endpoint = urls.getBase() + "/realms/" + SsoRealm.NAME + "/broker/" + connection.get("id").asText() + "/endpoint";
            if (connection.get("type").asText().equals("saml")) {
                assertEquals(urls.getBase() + "/realms/" + SsoRealm.NAME, connection.get("spEntityId").asText());
                assertEquals(endpoint, connection.get("acsUrl").asText());
                assertEquals(endpoint + "/descriptor", connection.get("spMetadataUrl").asText());
            } else {
                assertEquals(endpoint, connection.get("redirectUri").asText());
            }
        }
        assertEquals(204, api.delete("/orgs/" + acmeId + "/connections/" + acmeConnections.get("saml")).status());
        assertEquals(1, api.get("/orgs/" + acmeId + "/connections").body().size());
        assertEquals(404, api.delete("/orgs/" + acmeId + "/connections/" + acmeConnections.get("saml")).status());
    }

    @Test
    void connections_show_their_last_login_and_last_error() {
        assertSignedIn(login("oidc", idpUser("status", "status@" + acmeDomain, true)));
        assertRefused(login("oidc", idpUser("status", "status@evil-" + OrgApiTest.unique() + ".test", true)));

        JsonNode oidc = connection(acmeConnections.get("oidc"));
        assertFalse(oidc.get("lastLoginAt").isNull(), oidc.toString());
        assertFalse(oidc.get("lastErrorAt").isNull(), oidc.toString());
        assertEquals("gatehouse_domain_not_allowed: domain_not_allowed", oidc.get("lastError").asText());
        JsonNode saml = connection(acmeConnections.get("saml"));
        assertTrue(saml.get("lastLoginAt").isNull() && saml.get("lastError").isNull(), saml.toString());

        JsonNode activity = api.get("/orgs/" + acmeId + "/activity").body();
        assertEquals("sso.refused", activity.get(0).get("kind").asText(), "newest first: " + activity);
        assertEquals("gatehouse_domain_not_allowed: domain_not_allowed", activity.get(0).get("detail").asText());
        assertEquals("sso.login", activity.get(1).get("kind").asText(), activity.toString());
        assertEquals("connection " + acmeConnections.get("oidc"), activity.get(1).get("actor").asText());
    }

    private JsonNode connection(String alias) {
        for (JsonNode connection : api.get("/orgs/" + acmeId + "/connections").body()) {
            if (connection.get("id").asText().equals(alias)) {
                return connection;
            }
        }
        throw new AssertionError("no connection " + alias);
    }

    @Test
    void bad_connection_requests_are_refused_with_a_reason() {
        ApiResponse noType = api.post("/orgs/" + acmeId + "/connections", "{}");
        assertEquals(400, noType.status());
        assertEquals("invalid_type", noType.error());
        ApiResponse badXml = api.post("/orgs/" + acmeId + "/connections", json(Map.of("type", "saml", "metadataXml", "<not-metadata/>")));
        assertEquals(400, badXml.status(), badXml.toString());
        ApiResponse unreachable = api.post("/orgs/" + acmeId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", "http://127.0.0.1:1/.well-known/openid-configuration", "clientId", "a", "clientSecret", "b")));
        assertEquals(400, unreachable.status(), unreachable.toString());
        ApiResponse noSecret = api.post("/orgs/" + acmeId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", discoveryUrl(), "clientId", "a")));
        assertEquals(400, noSecret.status(), noSecret.toString());
        assertEquals(2, api.get("/orgs/" + acmeId + "/connections").body().size());
    }

    /** Redeems the authorization code as the app would and answers the access token's claims. */
    private JsonNode tokenClaims(Page page) {
        String code = page.uri().getQuery().replaceAll(".*code=([^&]+).*", "$1");
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=" + SsoRealm.APP
                                    + "&code=" + code + "&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            String accessToken = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body()).get("access_token").asText();
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.util.Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]));
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String connect(String orgId, String protocol) {
        Map<String, Object> body = protocol.equals("oidc")
                ? Map.of("type", "oidc", "discoveryUrl", discoveryUrl(),
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET)
                : Map.of("type", "saml", "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor");
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(body));
        assertEquals(201, created.status(), created.toString());
        return activated(orgId, created.body().get("id").asText());
    }

    /** A new connection is a draft until a test login passes through it, as the customer's IT admin runs it. */
    private String activated(String orgId, String alias) {
        ConnectionActivation.activate(api, customer.admin(), orgId, alias);
        return alias;
    }

    private String discoveryUrl() {
        return urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration";
    }

    private String idpUser(String prefix, String email, boolean emailVerified) {
        String username = prefix + "-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), username, email, emailVerified, PASSWORD);
        return username;
    }

    private Page login(String protocolOrAlias, String username) {
        String alias = acmeConnections.getOrDefault(protocolOrAlias, protocolOrAlias);
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page idpLogin = browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + SsoRealm.APP + "&response_type=code&scope=openid%20organization&redirect_uri="
                + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8) + "&kc_idp_hint=" + alias);
        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page afterIdp = browser.signIn(idpLogin, username, PASSWORD);
        return afterIdp.uri().getPath().endsWith("/first-broker-login") ? browser.completeProfile(afterIdp, "Test", "User") : afterIdp;
    }

    private static void assertSignedIn(Page page) {
        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), page.status() + " " + page.uri() + "\n" + page.body());
    }

    private void assertRefused(Page page) {
        assertEquals(403, page.status(), page.uri() + "\n" + page.body());
        assertTrue(page.body().contains(REFUSAL), page.body());
        assertFalse(page.body().contains(acmeDomain), "the page must not name the allowed domains");
    }

    private UserRepresentation spUser(String email) {
        List<UserRepresentation> found = sso.admin().users().searchByEmail(email, true);
        assertEquals(1, found.size(), "user " + email);
        return found.get(0);
    }

    private void assertNoSpUser(String email) {
        assertEquals(0, sso.admin().users().searchByEmail(email, true).size(), "no user may be created for " + email);
    }

    private EventRepresentation lastRefusal() {
        List<EventRepresentation> events = sso.admin().getEvents(List.of("IDENTITY_PROVIDER_LOGIN_ERROR"), null, null, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "a login error event");
        assertEquals("gatehouse_domain_not_allowed", events.get(0).getError());
        return events.get(0);
    }

    private boolean hasEnforcement(String alias) {
        return sso.admin().identityProviders().get(alias).getMappers().stream()
                .anyMatch(m -> m.getIdentityProviderMapper().equals("gatehouse-domain-enforcement"));
    }
}
