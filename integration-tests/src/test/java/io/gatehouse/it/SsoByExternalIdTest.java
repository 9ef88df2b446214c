package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.OrganizationRepresentation;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app starts SSO with the ID it keeps for the organization ({@code org_external_id}), on the
 * production template's browser flow: one connection goes straight to the customer's IdP, several
 * get the choice, and an ID that finds no connection gets exactly the page an unknown email domain gets.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class SsoByExternalIdTest {

    private static final String GENERIC_MISS = "We could not find single sign-on for that.";

    @InjectRealm(ref = "sso", fromJson = "/realm-templates/gatehouse-realm.json", config = TemplateBrokerFlowsTest.TemplateAsSso.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    BrokeredLogins logins;
    String domain;
    String externalId;
    String orgId;

    @BeforeEach
    void onboard() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        domain = "extid-" + OrgApiTest.unique() + ".test";
        externalId = "crm-" + OrgApiTest.unique();
        orgId = org(domain, externalId);
    }

    @Test
    void a_known_external_id_with_one_connection_goes_straight_to_the_idp_and_signs_in() {
        logins.connect(orgId, "oidc");
        String username = logins.idpUser("alice@" + domain);
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);

        Page idpLogin = browser.open(authUrl(externalId));

        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page afterIdp = browser.signIn(idpLogin, username, "password");
        BrokeredLogins.assertSignedIn(afterIdp.uri().getPath().endsWith("/first-broker-login")
                ? browser.completeProfile(afterIdp, "Alice", "Example") : afterIdp);
    }

    @Test
    void a_known_external_id_with_two_connections_gets_the_choice() {
        String oidc = logins.connect(orgId, "oidc");
        String saml = logins.connect(orgId, "saml");

        Page page = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(externalId));

        assertEquals(200, page.status(), page.body());
        assertTrue(page.body().contains("gatehouse-sso-choices"), page.body());
        assertTrue(page.body().contains("/broker/" + oidc + "/login"), page.body());
        assertTrue(page.body().contains("/broker/" + saml + "/login"), page.body());
        assertEquals(2, page.body().split("/broker/").length - 1, page.body());
    }

    @Test
    void an_unknown_external_id_gets_the_same_page_as_an_unknown_domain() {
        Page unknownDomain = typed("someone@nowhere-" + OrgApiTest.unique() + ".test");
        Page unknownId = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl("crm-no-such-" + OrgApiTest.unique()));
        Page knownIdNoConnection = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(externalId));
        Page disabledOrg = disabledOrgWithConnection();
        Page otherCase = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(externalId.toUpperCase()));

        assertEquals(200, unknownDomain.status());
        assertTrue(unknownDomain.body().contains(GENERIC_MISS), unknownDomain.body());
        for (Page page : List.of(unknownId, knownIdNoConnection, disabledOrg, otherCase)) {
            assertEquals(unknownDomain.status(), page.status(), page.body());
            assertEquals(withoutPerLoginValues(unknownDomain.body()), withoutPerLoginValues(page.body()));
        }
    }

    @Test
    void markup_in_the_external_id_never_comes_back_unescaped() {
        for (String hostile : List.of("\"><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "crm-1'\"--", externalId + "<b>")) {
            Page page = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(hostile));

            assertEquals(200, page.status(), hostile + "\n" + page.body());
            assertTrue(page.body().contains(GENERIC_MISS), page.body());
            assertFalse(page.body().contains("<script>alert(1)</script>"), page.body());
            assertFalse(page.body().contains("<img src=x"), page.body());
            assertFalse(page.body().contains("<b>"), page.body());
            assertFalse(page.body().contains("Exception"), page.body());
        }
    }

    @Test
    void without_the_parameter_the_usual_login_page_shows() {
        Page page = new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(null));

        assertEquals(200, page.status());
        assertTrue(page.body().contains("name=\"password\""), page.body());
        assertTrue(page.body().contains("/broker/" + SsoRealm.DISCOVERY + "/login"), page.body());
    }

    /** The state, tab, session codes, session hash and typed value differ per login; the page around them must not. */
    static String withoutPerLoginValues(String body) {
        return body.replaceAll("value=\"[^\"]*\"", "value=\"\"")
                .replaceAll("\"([^\"?]*)\\?[^\"]*\"", "\"$1?\"")
                .replaceAll("[A-Za-z0-9_-]{20,}", "*");
    }

    private Page typed(String identifier) {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page discovery = browser.open(authUrl(null) + "&kc_idp_hint=" + SsoRealm.DISCOVERY);
        return browser.submit(discovery, Map.of("identifier", identifier));
    }

    private Page disabledOrgWithConnection() {
        String otherDomain = "extid-off-" + OrgApiTest.unique() + ".test";
        String otherId = "crm-off-" + OrgApiTest.unique();
        String id = org(otherDomain, otherId);
        logins.connect(id, "oidc");
        OrganizationRepresentation representation = sso.admin().organizations().get(id).toRepresentation();
        representation.setEnabled(false);
        sso.admin().organizations().get(id).update(representation).close();
        return new BrowserlessUser(SsoRealm.APP_REDIRECT).open(authUrl(otherId));
    }

    private String org(String orgDomain, String orgExternalId) {
        ApiResponse created = api.createOrg(json(Map.of("name", "ExtId " + orgDomain, "domains", List.of(orgDomain), "externalId", orgExternalId)));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    private String authUrl(String orgExternalId) {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + (orgExternalId == null ? "" : "&org_external_id=" + URLEncoder.encode(orgExternalId, StandardCharsets.UTF_8));
    }
}
