package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import jakarta.ws.rs.BadRequestException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person who came in through an organization's connection keeps an email in that organization's
 * domains, whatever they or an admin post later: on the review-profile form of the first broker login,
 * in the update-email action the account console sends them to, and through the admin API. (With
 * Keycloak's update-email feature on, as by default, the account REST API ignores a posted email.) The realm
 * here is set up without Gatehouse's template: Keycloak's own first broker login flow, which shows the
 * review-profile form when a SAML IdP sends no name.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class EmailChangeGuardTest {

    private static final String PASSWORD = "password";
    private static final String REFUSAL = "outside your organization";

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String domain;
    String evilDomain;
    String saml;
    String oidc;

    @BeforeEach
    void onboardAcme() {
        api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        domain = "acme-" + OrgApiTest.unique() + ".test";
        evilDomain = "evil-" + OrgApiTest.unique() + ".test";
        String orgId = api.createOrg("Acme " + domain, domain);
        saml = connect(orgId, Map.of("type", "saml",
                "metadataUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor"));
        oidc = connect(orgId, Map.of("type", "oidc",
                "discoveryUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET));
    }

    @Test
    void an_email_outside_the_org_posted_on_the_review_profile_form_is_refused_and_no_user_is_created() {
        String email = "rev@" + domain;
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page review = browser.signIn(browser.open(authUrl(saml)), idpUser(email), PASSWORD);
        assertTrue(review.uri().getPath().endsWith("/first-broker-login"), "Keycloak shows the review-profile form: " + review.uri());

        Page refused = browser.submit(review, Map.of("email", "rev@" + evilDomain, "firstName", "Rev", "lastName", "User"));

        assertFalse(refused.reachedApp(SsoRealm.APP_REDIRECT), "signed in with a foreign email");
        assertTrue(refused.body().contains(REFUSAL), refused.status() + " " + refused.body());
        assertNoUser("rev@" + evilDomain);
        assertNoUser(email);

        Page signedIn = browser.submit(refused, Map.of("email", email, "firstName", "Rev", "lastName", "User"));

        assertTrue(signedIn.reachedApp(SsoRealm.APP_REDIRECT), signedIn.status() + " " + signedIn.uri() + "\n" + signedIn.body());
        assertEquals(email, onlyUser(email).getEmail());
    }

    @Test
    void an_sso_user_cannot_change_their_email_to_one_outside_the_org() {
        String email = "mover@" + domain;
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        assertTrue(browser.signIn(browser.open(authUrl(oidc)), idpUser(email), PASSWORD).reachedApp(SsoRealm.APP_REDIRECT));

        enableUpdateEmailAction();
        Page form = browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + SsoRealm.APP + "&response_type=code&scope=openid&kc_action=UPDATE_EMAIL&redirect_uri="
                + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8));
        Page refused = browser.submit(form, Map.of("email", "mover@" + evilDomain));

        assertFalse(refused.reachedApp(SsoRealm.APP_REDIRECT), "email changed to a foreign domain");
        assertTrue(refused.body().contains(REFUSAL), refused.status() + " " + refused.body());
        assertEquals(email, onlyUser(email).getEmail());
        assertNoUser("mover@" + evilDomain);
    }

    @Test
    void an_admin_cannot_move_an_sso_users_email_out_of_the_org_but_may_move_it_within() {
        String email = "adm@" + domain;
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        assertTrue(browser.signIn(browser.open(authUrl(oidc)), idpUser(email), PASSWORD).reachedApp(SsoRealm.APP_REDIRECT));
        UserRepresentation user = onlyUser(email);

        user.setEmail("adm@" + evilDomain);
        BadRequestException refused = assertThrows(BadRequestException.class, () -> sso.admin().users().get(user.getId()).update(user));

        String body = refused.getResponse().readEntity(String.class);
        assertTrue(body.contains("outside the domains of organization"), body);
        assertEquals(email, sso.admin().users().get(user.getId()).toRepresentation().getEmail());

        user.setEmail("adm.new@" + domain);
        sso.admin().users().get(user.getId()).update(user);
        assertEquals("adm.new@" + domain, sso.admin().users().get(user.getId()).toRepresentation().getEmail());
    }

    @Test
    void a_local_user_outside_any_org_changes_their_email_freely() {
        String username = "local-" + OrgApiTest.unique();
        TestUsers.create(sso.admin(), username, username + "@" + domain, true, "a-local-password-123");
        UserRepresentation user = sso.admin().users().search(username, true).get(0);

        user.setEmail(username + "@" + evilDomain);
        sso.admin().users().get(user.getId()).update(user);

        assertEquals(username + "@" + evilDomain, sso.admin().users().get(user.getId()).toRepresentation().getEmail());
    }

    /** The action behind the account console's "update email" (Keycloak's update-email feature is on by default). */
    private void enableUpdateEmailAction() {
        RequiredActionProviderRepresentation action = sso.admin().flows().getRequiredAction("UPDATE_EMAIL");
        action.setEnabled(true);
        sso.admin().flows().updateRequiredAction(action.getAlias(), action);
    }

    private String connect(String orgId, Map<String, Object> body) {
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", json(body));
        assertEquals(201, created.status(), created.toString());
        String alias = created.body().get("id").asText();
        ConnectionActivation.activate(api, customer.admin(), orgId, alias);
        return alias;
    }

    private String idpUser(String email) {
        String username = "g-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), username, email, true, PASSWORD);
        return username;
    }

    private String authUrl(String alias) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + "&kc_idp_hint=" + alias;
    }

    private UserRepresentation onlyUser(String email) {
        List<UserRepresentation> found = sso.admin().users().searchByEmail(email, true);
        assertEquals(1, found.size(), "user " + email);
        return found.get(0);
    }

    private void assertNoUser(String email) {
        assertEquals(0, sso.admin().users().searchByEmail(email, true).size(), "no user may exist with " + email);
        assertEquals(0, sso.admin().users().search(email, true).size(), "no user may exist named " + email);
    }
}
