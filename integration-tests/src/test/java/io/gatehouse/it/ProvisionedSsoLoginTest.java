package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person an organization provisioned signs in through that organization's connection and is
 * linked to their account without Keycloak's "Account already exists" step; everyone else still
 * meets that step. Each case runs on the production template's first broker login, in both
 * directions where one exists: the condition holds, the login lands in the app; it fails, Keycloak
 * asks, and no identity is linked.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ProvisionedSsoLoginTest {

    private static final String MOCK_CLIENT = "gatehouse-app";
    private static MockOAuth2Server mockIdp;

    @InjectRealm(ref = "sso", fromJson = "/realm-templates/gatehouse-realm.json", config = TemplateBrokerFlowsTest.TemplateAsSso.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    /** The mock IdP's issuer of each connection to it. */
    private final Map<String, String> mockIssuers = new HashMap<>();

    GatehouseApi api;
    BrokeredLogins logins;
    String orgId;
    String domain;
    ScimClient directory;

    @BeforeAll
    static void startMockIdp() {
        mockIdp = new MockOAuth2Server();
        mockIdp.start();
    }

    @AfterAll
    static void stopMockIdp() {
        mockIdp.shutdown();
    }

    @BeforeEach
    void onboardAcme() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        domain = "acme-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Acme " + domain, domain);
        directory = ScimClient.newDirectory(api, orgId, "okta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oidc", "saml"})
    void a_person_the_directory_created_signs_in_through_the_orgs_connection_without_a_linking_step(String protocol) {
        String email = "carol-" + protocol + "@" + domain;
        String accountId = provision(directory, email);
        String connection = logins.connect(orgId, protocol);

        Page page = logins.login(connection, logins.idpUser(email));

        BrokeredLogins.assertSignedIn(page);
        assertLinkedTo(accountId, connection);
        assertEquals(1, sso.admin().users().searchByEmail(email, true).size(), "the provisioned account, no second one");
        assertEquals("MANAGED", membership(accountId));
    }

    /**
     * The production template verifies emails. A person the directory provisioned under a domain
     * acme proved by DNS lands in the app: the link marks the email verified (SECURITY.md, door 4).
     * Under a domain acme only claimed, Keycloak's own verify-email step still runs. The email's
     * case (the directory's "Carol@ACME...", the IdP's "carol@acme...") decides nothing.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void a_provisioned_persons_email_is_verified_by_the_link_only_under_a_domain_proved_by_dns(boolean provedByDns) {
        if (provedByDns) {
            verifyInKeycloak(domain);
        }
        String accountId = provision(directory, "Carol@" + domain.toUpperCase(Locale.ROOT));
        assertFalse(sso.admin().users().get(accountId).toRepresentation().isEmailVerified());
        String connection = logins.connect(orgId, "oidc");
        RealmRepresentation verifying = sso.admin().toRepresentation();
        verifying.setVerifyEmail(true);
        sso.admin().update(verifying);
        try {
            Page page = logins.login(connection, logins.idpUser("carol@" + domain));

            assertEquals(provedByDns, page.reachedApp(SsoRealm.APP_REDIRECT), page.status() + " " + page.uri() + "\n" + page.body());
            assertEquals(provedByDns, sso.admin().users().get(accountId).toRepresentation().isEmailVerified());
            assertEquals(1, sso.admin().users().searchByEmail("carol@" + domain, true).size(), "the provisioned account, no second one");

            ScimClient.Answer moved = directory.patch("/Users/" + accountId, """
                    {"schemas":["%s"],"Operations":[{"op":"replace","path":"emails","value":[{"value":"carol.new@%s","primary":true}]}]}
                    """.formatted(ScimClient.PATCH_SCHEMA, domain));
            assertEquals(200, moved.status(), moved.toString());
            UserRepresentation after = sso.admin().users().get(accountId).toRepresentation();
            assertEquals("carol.new@" + domain, after.getEmail());
            assertFalse(after.isEmailVerified(), "the login proved the old address, not the one the directory sent next");
        } finally {
            RealmRepresentation restored = sso.admin().toRepresentation();
            restored.setVerifyEmail(false);
            sso.admin().update(restored);
        }
    }

    @Test
    void a_local_password_account_with_the_same_email_is_not_linked_silently() {
        String email = "local@" + domain;
        String username = "local-" + OrgApiTest.unique();
        TestUsers.create(sso.admin(), username, email, true, "a-local-password-123");
        String accountId = sso.admin().users().search(username, true).get(0).getId();

        assertAsksBeforeLinking(logins.login(logins.connect(orgId, "oidc"), logins.idpUser(email)), accountId);
    }

    @Test
    void an_unmanaged_member_of_the_org_is_not_linked_silently() {
        String email = "added@" + domain;
        String accountId = unmanagedMember(email);

        assertAsksBeforeLinking(logins.login(logins.connect(orgId, "oidc"), logins.idpUser(email)), accountId);
        assertEquals("UNMANAGED", membership(accountId));
    }

    /**
     * Honestly built: org P's directory created the account while P owned the domain; P then gave the
     * domain up and acme took it. Acme's connection may assert the address now, but the account is P's.
     */
    @Test
    void a_managed_member_of_another_org_is_not_linked_through_this_orgs_connection() {
        String moved = "moved-" + OrgApiTest.unique() + ".test";
        String rivalDomain = "rival-" + OrgApiTest.unique() + ".test";
        String rivalId = api.createOrg("Rival " + rivalDomain, rivalDomain);
        setDomains(rivalId, rivalDomain, moved);
        String email = "pat@" + moved;
        String accountId = provision(ScimClient.newDirectory(api, rivalId, "rival-okta"), email);
        setDomains(rivalId, rivalDomain);
        setDomains(orgId, domain, moved);

        assertAsksBeforeLinking(logins.login(logins.connect(orgId, "oidc"), logins.idpUser(email)), accountId);
        assertEquals("MANAGED", sso.admin().organizations().get(rivalId).members().member(accountId).toRepresentation()
                .getMembershipType().name(), "still the rival's member");
    }

    /** The same story seen from the other side: acme's account, a login through the org that took the domain. */
    @Test
    void a_login_through_another_orgs_connection_is_not_linked_silently() {
        String moved = "spun-off-" + OrgApiTest.unique() + ".test";
        setDomains(orgId, domain, moved);
        String email = "carol@" + moved;
        String accountId = provision(directory, email);
        setDomains(orgId, domain);
        String otherId = api.createOrg("Spin-off " + moved, moved);

        assertAsksBeforeLinking(logins.login(logins.connect(otherId, "oidc"), logins.idpUser(email)), accountId);
        assertEquals("MANAGED", membership(accountId));
    }

    @Test
    void a_login_through_an_identity_provider_of_no_organization_is_not_linked_silently() {
        String email = "carol-plain@" + domain;
        String accountId = provision(directory, email);

        assertAsksBeforeLinking(logins.login(plainOidcIdp(), logins.idpUser(email)), accountId);
    }

    @Test
    void an_email_the_idp_calls_unverified_is_refused_by_default_and_never_linked_silently() {
        String email = "unverified@" + domain;
        String accountId = provision(directory, email);
        String strict = mockConnection(false);

        Page refused = mockLogin(strict, email, false);
        assertEquals(403, refused.status(), refused.body());
        assertTrue(refused.body().contains("not verified"), refused.body());
        assertNoLink(accountId);

        String lenient = mockConnection(true);
        assertAsksBeforeLinking(mockLogin(lenient, email, false), accountId);

        BrokeredLogins.assertSignedIn(mockLogin(lenient, email, true));
        assertLinkedTo(accountId, lenient);
    }

    /** An IdP that re-created an account (or gave the address to someone else) under a new subject does not get the old one's account. */
    @Test
    void a_second_idp_account_with_the_same_email_is_not_linked_silently() {
        String email = "recycled@" + domain;
        String accountId = provision(directory, email);
        String connection = mockConnection(false);
        BrokeredLogins.assertSignedIn(mockLogin(connection, "first-holder", email, true));

        Page page = mockLogin(connection, "second-holder", email, true);

        assertAccountExistsPage(page);
        List<FederatedIdentityRepresentation> links = sso.admin().users().get(accountId).getFederatedIdentity();
        assertEquals(List.of("first-holder"), links.stream().map(FederatedIdentityRepresentation::getUserId).toList());
    }

    @Test
    void a_person_the_directory_deactivated_gets_no_session_and_no_link() {
        String email = "gone@" + domain;
        String accountId = provision(directory, email);
        setActive(accountId, false);
        String connection = logins.connect(orgId, "oidc");
        String idpUsername = logins.idpUser(email);

        Page page = logins.login(connection, idpUsername);

        assertFalse(page.reachedApp(SsoRealm.APP_REDIRECT), "a deactivated person signed in");
        assertTrue(page.body().contains("Account is disabled"), page.status() + " " + page.body());
        assertNoLink(accountId);
        assertTrue(sso.admin().users().get(accountId).getUserSessions().isEmpty(), "no session");

        setActive(accountId, true);
        BrokeredLogins.assertSignedIn(logins.login(connection, idpUsername));
        assertLinkedTo(accountId, connection);
    }

    @Test
    void an_account_linked_through_one_connection_is_linked_silently_through_another_of_the_same_org() {
        String email = "both@" + domain;
        String idpUsername = logins.idpUser(email);
        String first = logins.connect(orgId, "oidc");
        BrokeredLogins.assertSignedIn(logins.login(first, idpUsername));
        String accountId = sso.admin().users().searchByEmail(email, true).get(0).getId();
        String second = logins.connect(orgId, "saml");

        BrokeredLogins.assertSignedIn(logins.login(second, idpUsername));

        List<String> linked = sso.admin().users().get(accountId).getFederatedIdentity().stream()
                .map(FederatedIdentityRepresentation::getIdentityProvider).sorted().toList();
        assertEquals(List.of(first, second).stream().sorted().toList(), linked);
        assertEquals(1, sso.admin().users().searchByEmail(email, true).size());
    }

    /**
     * The review-profile form (shown when the SAML IdP sends no name) lets a person type another email
     * in the org's domains. Keycloak then finds the colleague's account; the step judges the email the
     * IdP asserted, so it does not link the colleague's account.
     */
    @Test
    void a_colleagues_email_typed_on_the_review_profile_form_is_not_linked_silently() {
        String colleague = "dave@" + domain;
        String colleagueId = provision(directory, colleague);
        String connection = logins.connect(orgId, "saml");
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page review = browser.signIn(browser.open(authUrl(connection)), logins.idpUser("eve@" + domain), "password");
        assertTrue(review.uri().getPath().endsWith("/first-broker-login") && review.body().contains("firstName"),
                "the review-profile form: " + review.uri() + "\n" + review.body());

        Page page = browser.submit(review, Map.of("email", colleague, "firstName", "Eve", "lastName", "Intruder"));

        assertAsksBeforeLinking(page, colleagueId);
    }

    // --- what the tests see

    private void assertAsksBeforeLinking(Page page, String accountId) {
        assertAccountExistsPage(page);
        assertNoLink(accountId);
    }

    private static void assertAccountExistsPage(Page page) {
        assertFalse(page.reachedApp(SsoRealm.APP_REDIRECT), "signed in without proving the existing account");
        assertTrue(page.body().contains("already exists") && page.body().contains("linkAccount"),
                "Keycloak's account-exists page: " + page.status() + " " + page.body());
    }

    private void assertNoLink(String accountId) {
        assertTrue(sso.admin().users().get(accountId).getFederatedIdentity().isEmpty(), "no identity linked");
    }

    private void assertLinkedTo(String accountId, String connection) {
        assertTrue(sso.admin().users().get(accountId).getFederatedIdentity().stream()
                .anyMatch(identity -> identity.getIdentityProvider().equals(connection)), "linked to " + connection);
    }

    private String membership(String accountId) {
        return sso.admin().organizations().get(orgId).members().member(accountId).toRepresentation().getMembershipType().name();
    }

    // --- how the accounts come to be

    /** Creates the person through a real SCIM directory, as Okta does; answers the Keycloak user id. */
    private String provision(ScimClient scim, String email) {
        String id = scim.createUser("""
                {"schemas":["%s"],"userName":"%s","active":true,"name":{"givenName":"Pro","familyName":"Visioned"},
                 "emails":[{"value":"%s","primary":true,"type":"work"}]}
                """.formatted(ScimClient.USER_SCHEMA, email, email));
        List<UserRepresentation> found = sso.admin().users().searchByEmail(email.toLowerCase(Locale.ROOT), true);
        assertEquals(List.of(id), found.stream().map(UserRepresentation::getId).toList(), "the directory created " + email);
        return id;
    }

    /** The domain marked verified in Keycloak's own organization, which Gatehouse counts as proved. */
    private void verifyInKeycloak(String name) {
        OrganizationRepresentation org = sso.admin().organizations().get(orgId).toRepresentation();
        org.getDomains().clear();
        OrganizationDomainRepresentation verified = new OrganizationDomainRepresentation(name);
        verified.setVerified(true);
        org.addDomain(verified);
        try (Response response = sso.admin().organizations().get(orgId).update(org)) {
            assertEquals(204, response.getStatus());
        }
    }

    private void setActive(String accountId, boolean active) {
        ScimClient.Answer patched = directory.patch("/Users/" + accountId, """
                {"schemas":["%s"],"Operations":[{"op":"replace","value":{"active":%s}}]}
                """.formatted(ScimClient.PATCH_SCHEMA, active));
        assertEquals(200, patched.status(), patched.toString());
        assertEquals(active, sso.admin().users().get(accountId).toRepresentation().isEnabled());
    }

    /** An account without a password that an admin added to the org through Keycloak's API: an unmanaged member. */
    private String unmanagedMember(String email) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername("added-" + OrgApiTest.unique());
        user.setEmail(email);
        user.setEnabled(true);
        String id;
        try (Response created = sso.admin().users().create(user)) {
            assertEquals(201, created.getStatus());
            id = org.keycloak.admin.client.CreatedResponseUtil.getCreatedId(created);
        }
        try (Response added = sso.admin().organizations().get(orgId).members().addMember(id)) {
            assertEquals(201, added.getStatus());
        }
        return id;
    }

    private void setDomains(String id, String... domains) {
        ApiResponse updated = api.put("/orgs/" + id, json(Map.of("domains", List.of(domains))));
        assertEquals(200, updated.status(), updated.toString());
    }

    // --- identity providers

    /** A Keycloak identity provider for the customer realm, linked to no organization. */
    private String plainOidcIdp() {
        String issuer = urls.getBase() + "/realms/" + CustomerIdpRealm.NAME;
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias("plain-" + OrgApiTest.unique());
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(new HashMap<>(Map.of("clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET,
                "clientAuthMethod", "client_secret_post",
                "authorizationUrl", issuer + "/protocol/openid-connect/auth", "tokenUrl", issuer + "/protocol/openid-connect/token",
                "userInfoUrl", issuer + "/protocol/openid-connect/userinfo", "defaultScope", "openid email profile",
                "syncMode", "IMPORT")));
        try (Response created = sso.admin().identityProviders().create(idp)) {
            assertEquals(201, created.getStatus());
        }
        return idp.getAlias();
    }

    /** An OIDC connection of acme to mock-oauth2-server; {@code allowUnverified} sets the connection's gatehouse.allowUnverifiedEmail. */
    private String mockConnection(boolean allowUnverified) {
        String issuer = "mock-" + OrgApiTest.unique();
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", mockIdp.wellKnownUrl(issuer).toString(), "clientId", MOCK_CLIENT, "clientSecret", "secret")));
        assertEquals(201, created.status(), created.toString());
        String alias = created.body().get("id").asText();
        if (allowUnverified) {
            IdentityProviderRepresentation idp = sso.admin().identityProviders().get(alias).toRepresentation();
            idp.getConfig().put("gatehouse.allowUnverifiedEmail", "true");
            sso.admin().identityProviders().get(alias).update(idp);
        }
        mockIssuers.put(alias, issuer);
        // A new connection is a draft until a test login through it passes, as the customer's IT admin runs it.
        mockIdp.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, "sub-tester-" + OrgApiTest.unique(), "JWT", List.of(MOCK_CLIENT),
                Map.of("email", "it-admin@" + domain, "email_verified", true), 3600));
        ConnectionActivation.activate(api, orgId, alias, new BrowserlessUser("http://stop.invalid/"), page -> page);
        return alias;
    }

    private Page mockLogin(String alias, String email, boolean emailVerified) {
        return mockLogin(alias, "sub-" + email, email, emailVerified);
    }

    /** A login at mock-oauth2-server as the IdP account {@code subject}, asserting these email claims. */
    private Page mockLogin(String alias, String subject, String email, boolean emailVerified) {
        Map<String, Object> claims = Map.of("email", email, "email_verified", emailVerified, "given_name", "Test", "family_name", "User");
        mockIdp.enqueueCallback(new DefaultOAuth2TokenCallback(mockIssuers.get(alias), subject, "JWT", List.of(MOCK_CLIENT), claims, 3600));
        return new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(alias));
    }

    private String authUrl(String alias) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + "&kc_idp_hint=" + alias;
    }
}
