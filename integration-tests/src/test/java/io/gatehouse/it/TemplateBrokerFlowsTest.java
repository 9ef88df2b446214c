package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.FirstBrokerLoginFlow;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderMapperRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production template's broker flows. First broker login: an identity whose email matches an
 * existing account is linked only after its owner proves it, and the proof cannot be a password when
 * the organization requires SSO. Post broker login: a mapper that rewrites the email after the domain
 * check cannot smuggle a foreign address into the organization.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class TemplateBrokerFlowsTest {

    private static final String LOCAL_PASSWORD = "a-long-enough-password-42";

    @InjectRealm(ref = "sso", fromJson = "/realm-templates/gatehouse-realm.json", config = TemplateAsSso.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String domain;
    String connection;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "recheck-" + OrgApiTest.unique() + ".test";
        ApiResponse org = api.createOrg(json(Map.of("name", "Recheck " + domain, "domains", List.of(domain))));
        assertEquals(201, org.status(), org.toString());
        orgId = org.body().get("id").asText();
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "oidc",
                "discoveryUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET)));
        assertEquals(201, created.status(), created.toString());
        connection = created.body().get("id").asText();
        ConnectionActivation.activate(api, customer.admin(), orgId, connection, domain);
    }

    @Test
    void connections_use_the_templates_post_broker_login_flow() {
        String flowId = sso.admin().identityProviders().get(connection).toRepresentation().getPostBrokerLoginFlowAlias();
        assertEquals("gatehouse post broker login", flowId);
    }

    @Test
    void the_template_binds_its_own_first_broker_login_flow() {
        assertEquals("gatehouse first broker login", sso.admin().toRepresentation().getFirstBrokerLoginFlow());
    }

    @Test
    void the_template_links_an_account_the_org_provisioned_before_keycloak_asks() {
        FirstBrokerLoginFlow.assertLinksProvisionedAccountsBeforeAsking(sso.admin());
    }

    @Test
    void an_existing_account_is_linked_after_its_owner_signs_in_to_it() {
        String email = "linker@" + domain;
        String local = existingMember(email);

        Page page = linkByPassword(idpUser(email), local);

        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), page.body());
        assertEquals(1, sso.admin().users().search(local, true).size());
        String userId = sso.admin().users().search(local, true).get(0).getId();
        assertEquals(connection, sso.admin().users().get(userId).getFederatedIdentity().get(0).getIdentityProvider());
    }

    @Test
    void sso_required_members_cannot_prove_ownership_with_a_password() {
        assertEquals(200, api.put("/orgs/" + orgId, json(Map.of("policies", Map.of("ssoRequired", true)))).status());
        String email = "pw-linker@" + domain;
        String local = existingMember(email);

        Page page = linkByPassword(idpUser(email), local);

        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains("requires you to sign in with your company"), page.body());
        String userId = sso.admin().users().search(local, true).get(0).getId();
        assertTrue(sso.admin().users().get(userId).getFederatedIdentity().isEmpty(), "no link made");
    }

    @Test
    void a_user_in_the_domain_passes_the_second_look() {
        assertTrue(login(idpUser("ok@" + domain)).reachedApp(SsoRealm.APP_REDIRECT));
    }

    @Test
    void an_email_rewritten_by_a_mapper_on_the_first_login_never_reaches_an_account() {
        addCarelessEmailMapper("INHERIT");
        String email = "victim@" + domain;

        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page review = browser.signIn(browser.open(authUrl()), idpUser(email), "password");
        assertTrue(review.uri().getPath().endsWith("/first-broker-login"), "the review-profile form: " + review.uri());

        Page page = browser.submit(review, Map.of("firstName", "Victim"));

        assertFalse(page.reachedApp(SsoRealm.APP_REDIRECT), "signed in with the rewritten email");
        assertTrue(page.body().contains("outside your organization"), page.status() + " " + page.body());
        assertEquals(0, sso.admin().users().searchByEmail(email, true).size(), "no user created");
    }

    @Test
    void an_email_a_mapper_rewrites_on_a_later_login_is_never_stored() {
        String email = "victim@" + domain;
        String username = idpUser(email);
        assertTrue(login(username).reachedApp(SsoRealm.APP_REDIRECT));
        String userId = sso.admin().users().searchByEmail(email, true).get(0).getId();
        addCarelessEmailMapper("FORCE");

        Page page = login(username);

        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), "signs in as the IdP asserted: " + page.status() + " " + page.body());
        assertEquals(email, sso.admin().users().get(userId).toRepresentation().getEmail(),
                "the account keeps the checked email, not the mapper's foreign one");
    }

    /** A hardcoded-attribute mapper that writes a foreign email after Gatehouse checked the asserted one. */
    private void addCarelessEmailMapper(String syncMode) {
        IdentityProviderMapperRepresentation rewrite = new IdentityProviderMapperRepresentation();
        rewrite.setName("careless email mapper");
        rewrite.setIdentityProviderAlias(connection);
        rewrite.setIdentityProviderMapper("hardcoded-attribute-idp-mapper");
        rewrite.setConfig(Map.of("attribute", "email", "attribute.value", "intruder@evil-" + OrgApiTest.unique() + ".test",
                "syncMode", syncMode));
        try (Response created = sso.admin().identityProviders().get(connection).addMapper(rewrite)) {
            assertEquals(201, created.getStatus());
        }
    }

    @Test
    void a_foreign_email_posted_on_the_review_profile_form_is_refused_before_any_user_exists() {
        ApiResponse samlConnection = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml",
                "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor")));
        assertEquals(201, samlConnection.status(), samlConnection.toString());
        ConnectionActivation.activate(api, customer.admin(), orgId, samlConnection.body().get("id").asText(), domain);
        String email = "rev@" + domain;
        String foreign = "rev@evil-" + OrgApiTest.unique() + ".test";
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page review = browser.signIn(browser.open(authUrl(samlConnection.body().get("id").asText())), idpUser(email), "password");
        assertTrue(review.uri().getPath().endsWith("/first-broker-login"), "the review-profile form: " + review.uri());

        Page refused = browser.submit(review, Map.of("email", foreign, "firstName", "Rev", "lastName", "User"));

        assertFalse(refused.reachedApp(SsoRealm.APP_REDIRECT), "signed in with a foreign email");
        assertTrue(refused.body().contains("outside your organization"), refused.status() + " " + refused.body());
        for (String address : List.of(email, foreign)) {
            assertEquals(0, sso.admin().users().searchByEmail(address, true).size(), "no user with " + address);
            assertEquals(0, sso.admin().users().search(address, true).size(), "no user named " + address);
        }
    }

    private String idpUser(String email) {
        String username = "r-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), username, email, true, "password");
        return username;
    }

    /** A local account with a password, already a member of the org, not linked to any IdP. */
    private String existingMember(String email) {
        String username = "local-" + OrgApiTest.unique();
        TestUsers.create(sso.admin(), username, email, true, LOCAL_PASSWORD);
        String userId = sso.admin().users().search(username, true).get(0).getId();
        try (Response added = sso.admin().organizations().get(orgId).members().addMember(userId)) {
            assertEquals(201, added.getStatus());
        }
        return username;
    }

    /** Signs in at the IdP, says "add to existing account", and proves it by signing in to that account. */
    private Page linkByPassword(String idpUsername, String localUsername) {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page confirm = browser.signIn(browser.open(authUrl()), idpUsername, "password");
        assertTrue(confirm.body().contains("linkAccount"), "Keycloak asks before linking: " + confirm.body());
        Page reauthenticate = browser.press(confirm, "submitAction", "linkAccount");
        return browser.signIn(reauthenticate, localUsername, LOCAL_PASSWORD);
    }

    private String authUrl() {
        return authUrl(connection);
    }

    private String authUrl(String alias) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + SsoRealm.APP + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8) + "&kc_idp_hint=" + alias;
    }

    private Page login(String username) {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        return browser.signIn(browser.open(authUrl()), username, "password");
    }

    /** The production template, named as the customer IdP's clients expect, with an app to sign in to. */
    public static final class TemplateAsSso implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            ClientRepresentation app = new ClientRepresentation();
            app.setClientId(SsoRealm.APP);
            app.setPublicClient(true);
            app.setStandardFlowEnabled(true);
            app.setRedirectUris(List.of(SsoRealm.APP_REDIRECT));
            return realm.name(SsoRealm.NAME).verifyEmail(false).clients(app);
        }
    }
}
