package io.gatehouse.it;

import io.gatehouse.it.support.BrowserSteps;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.Screenshots;
import io.gatehouse.it.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.FederatedIdentityRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13's "done when", in the demo realms and headless Chromium: acme's SCIM directory
 * provisions carol@acme.test, Carol signs in through acme's connection and lands in the account
 * console with no page in between.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrowserProvisionedSsoTest {

    private static final String ACCOUNT = "http://localhost:8080/realms/demo/account";
    private static final String CAROL = "carol@acme.test";

    @InjectRealm(ref = "demo", fromJson = "/realm-templates/demo/demo-realm.json")
    ManagedRealm demo;

    @InjectRealm(ref = "customer-idp", fromJson = "/realm-templates/demo/customer-idp-realm.json")
    ManagedRealm customerIdp;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver
    ManagedWebDriver browser;

    @Test
    void carol_provisioned_by_acmes_directory_signs_in_through_acmes_connection_with_no_linking_page() {
        GatehouseApi api = new GatehouseApi(urls.getBase(), "demo", () -> admin.tokenManager().getAccessTokenString());
        String acme = demo.admin().organizations().getAll().stream().filter(org -> "acme".equals(org.getAlias()))
                .map(OrganizationRepresentation::getId).findFirst().orElseThrow();
        String carolId = ScimClient.newDirectory(api, acme, "acme okta").createUser("""
                {"schemas":["%s"],"userName":"%s","active":true,"name":{"givenName":"Carol","familyName":"Danvers"},
                 "emails":[{"value":"%s","primary":true,"type":"work"}]}
                """.formatted(ScimClient.USER_SCHEMA, CAROL, CAROL));
        carolAtTheIdp();
        BrowserSteps ui = new BrowserSteps(browser);

        browser.open(ACCOUNT);
        ui.click(By.id("social-sso"));
        ui.type(By.id("identifier"), CAROL);
        ui.click(By.id("gatehouse-sso-continue"));
        ui.waitFor(By.id("username"));
        assertTrue(browser.getCurrentUrl().contains("/realms/customer-idp/"), browser.getCurrentUrl());
        browser.findElement(By.id("username")).clear();
        ui.type(By.id("username"), "carol");
        ui.type(By.id("password"), "password");
        ui.click(By.id("kc-login"));

        ui.within(20).until(ExpectedConditions.urlContains("/realms/demo/account"));
        ui.within(20).until(d -> d.getPageSource().contains("Carol Danvers"));
        Screenshots.take(browser.driver(), "provisioned-01-carol-signed-in");
        assertFalse(browser.driver().getPageSource().contains("Account already exists"), "no linking page");
        List<UserRepresentation> carols = demo.admin().users().searchByEmail(CAROL, true);
        assertEquals(List.of(carolId), carols.stream().map(UserRepresentation::getId).toList(), "the account the directory created");
        assertEquals(List.of("acme-oidc"), demo.admin().users().get(carolId).getFederatedIdentity().stream()
                .map(FederatedIdentityRepresentation::getIdentityProvider).toList());
    }

    /** Carol at acme's IdP, under the same name the directory sent. */
    private void carolAtTheIdp() {
        TestUsers.create(customerIdp.admin(), "carol", CAROL, true, "password");
        UserRepresentation carol = customerIdp.admin().users().search("carol", true).get(0);
        carol.setFirstName("Carol");
        carol.setLastName("Danvers");
        customerIdp.admin().users().get(carol.getId()).update(carol);
    }
}
