package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.TestUsers;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The organization policies ssoRequired and mfaForNonSsoUsers, on a realm imported from the
 * production template exactly as an operator imports it.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OrgPolicyEnforcementTest {

    private static final String PASSWORD = "a-long-enough-password-42";
    private static final String APP_REDIRECT = "https://app.example.test/callback";
    private static final String SSO_SENTENCE = "requires you to sign in with your company";

    @InjectRealm(fromJson = "/realm-templates/gatehouse-realm.json", config = WithApp.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String domain;

    @BeforeEach
    void connect() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "policy-" + OrgApiTest.unique() + ".test";
    }

    @Test
    void sso_required_blocks_password_login_for_members() {
        String user = member(org(true, false), "alice");

        Page page = browserLogin(user);

        assertEquals(403, page.status(), page.body());
        assertTrue(page.body().contains(SSO_SENTENCE), page.body());
    }

    @Test
    void sso_required_blocks_direct_grant_for_members() {
        String user = member(org(true, false), "bob");

        HttpResponse<String> response = directGrant(user);

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.body().contains("single sign-on"), response.body());
    }

    @Test
    void sso_required_blocks_password_reset_for_members() {
        String user = member(org(true, false), "carol");
        BrowserlessUser browser = new BrowserlessUser(APP_REDIRECT);
        Page login = browser.open(authUrl());
        Page reset = browser.open(urls.getBase() + "/realms/" + realm.getName() + "/login-actions/reset-credentials?client_id=app"
                + "&tab_id=" + login.uri().getQuery().replaceAll(".*tab_id=([^&]+).*", "$1"));

        Page answer = browser.submit(reset, Map.of("username", user));

        assertEquals(403, answer.status(), answer.body());
        assertTrue(answer.body().contains(SSO_SENTENCE), answer.body());
    }

    @Test
    void a_break_glass_account_still_signs_in_locally() {
        String user = member(org(true, false), "breakglass");
        String userId = realm.admin().users().search(user, true).get(0).getId();
        realm.admin().users().get(userId).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("gatehouse-break-glass").toRepresentation()));

        assertEquals(200, directGrant(user).statusCode());
        assertTrue(browserLogin(user).reachedApp(APP_REDIRECT));
    }

    @Test
    void people_outside_sso_required_orgs_sign_in_with_a_password() {
        String user = localUser("outsider", "outsider@elsewhere-" + OrgApiTest.unique() + ".test");
        assertEquals(200, directGrant(user).statusCode());
        assertTrue(browserLogin(user).reachedApp(APP_REDIRECT));
    }

    @Test
    void mfa_for_non_sso_members_makes_them_set_up_otp() {
        String member = member(org(false, true), "dave");
        Page page = browserLogin(member);
        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("kc-totp-settings") || page.body().contains("Mobile Authenticator Setup"), page.body());

        String noMfa = member(org(false, false), "erin");
        assertTrue(browserLogin(noMfa).reachedApp(APP_REDIRECT));
    }

    @Test
    void auto_join_by_domain_adds_local_users_only_where_the_org_turned_it_on() {
        String joining = org(false, false, true);
        String closed = org(false, false, false);
        String joiner = localUser("joiner", "joiner@" + joining.split("\\|")[1]);
        String outsider = localUser("knocker", "knocker@" + closed.split("\\|")[1]);

        assertEquals(200, directGrant(joiner).statusCode());
        assertEquals(200, directGrant(outsider).statusCode());

        assertTrue(isMember(joining, joiner), "joined the org that allows it");
        assertTrue(!isMember(closed, outsider), "not added to the org that keeps autoJoinByDomain off");
    }

    private boolean isMember(String org, String username) {
        String userId = realm.admin().users().search(username, true).get(0).getId();
        return realm.admin().organizations().get(org.split("\\|")[0]).members().getAll().stream()
                .anyMatch(m -> m.getId().equals(userId));
    }

    private String org(boolean ssoRequired, boolean mfa) {
        return org(ssoRequired, mfa, false);
    }

    private String org(boolean ssoRequired, boolean mfa, boolean autoJoin) {
        String orgDomain = "o" + OrgApiTest.unique() + "-" + domain;
        ApiResponse created = api.createOrg(json(Map.of("name", "Policy " + orgDomain, "domains", List.of(orgDomain),
                "policies", Map.of("ssoRequired", ssoRequired, "mfaForNonSsoUsers", mfa, "autoJoinByDomain", autoJoin))));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText() + "|" + orgDomain;
    }

    private String member(String org, String prefix) {
        String[] idAndDomain = org.split("\\|");
        String username = localUser(prefix, prefix + "@" + idAndDomain[1]);
        String userId = realm.admin().users().search(username, true).get(0).getId();
        try (Response added = realm.admin().organizations().get(idAndDomain[0]).members().addMember(userId)) {
            assertEquals(201, added.getStatus());
        }
        return username;
    }

    private String localUser(String prefix, String email) {
        String username = prefix + "-" + OrgApiTest.unique();
        TestUsers.create(realm.admin(), username, email, true, PASSWORD);
        return username;
    }

    private String authUrl() {
        return urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/auth?client_id=app&response_type=code"
                + "&scope=openid&redirect_uri=" + URLEncoder.encode(APP_REDIRECT, StandardCharsets.UTF_8);
    }

    private Page browserLogin(String username) {
        BrowserlessUser browser = new BrowserlessUser(APP_REDIRECT);
        return browser.signIn(browser.open(authUrl()), username, PASSWORD);
    }

    private HttpResponse<String> directGrant(String username) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=app&username=" + username
                            + "&password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An app to sign in to, added to the imported template. */
    public static final class WithApp implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            ClientRepresentation app = new ClientRepresentation();
            app.setClientId("app");
            app.setPublicClient(true);
            app.setStandardFlowEnabled(true);
            app.setDirectAccessGrantsEnabled(true);
            app.setRedirectUris(List.of(APP_REDIRECT));
            return realm.clients(app);
        }
    }
}
