package io.gatehouse.it;

import io.gatehouse.it.support.BrowserSteps;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.Screenshots;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's demo in a real browser (Debian's headless Chromium): a person opens the account console,
 * clicks "Sign in with SSO", types their work email or company, and signs in at their IdP.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrowserSsoTest {

    private static final String ACCOUNT = "http://localhost:8080/realms/demo/account";

    @InjectRealm(ref = "demo", fromJson = "/realm-templates/demo/demo-realm.json")
    ManagedRealm demo;

    @InjectRealm(ref = "customer-idp", fromJson = "/realm-templates/demo/customer-idp-realm.json")
    ManagedRealm customerIdp;

    /** A new browser for each test: nobody is still signed in at the IdP from the last one. */
    @InjectWebDriver(lifecycle = LifeCycle.METHOD)
    ManagedWebDriver browser;

    BrowserSteps ui;

    @BeforeEach
    void steps() {
        ui = new BrowserSteps(browser);
    }

    @Test
    void alice_signs_in_with_sso_from_the_login_page() {
        browser.open(ACCOUNT);
        ui.click(By.id("social-sso"));
        Screenshots.take(browser.driver(), "sso-01-sign-in-with-sso");
        ui.type(By.id("identifier"), "alice@acme.test");
        ui.click(By.id("gatehouse-sso-continue"));

        ui.waitFor(By.id("username"));
        assertTrue(browser.getCurrentUrl().contains("/realms/customer-idp/"), browser.getCurrentUrl());
        assertEquals("alice@acme.test", browser.findElement(By.id("username")).getAttribute("value"), "the email is the login hint");
        Screenshots.take(browser.driver(), "sso-02-customer-idp");
        browser.findElement(By.id("username")).clear();
        ui.type(By.id("username"), "alice");
        ui.type(By.id("password"), "password");
        ui.click(By.id("kc-login"));

        ui.within(10).until(ExpectedConditions.urlContains("/realms/demo/account"));
        ui.within(20).until(d -> d.getPageSource().contains("alice@acme.test") || d.getPageSource().contains("Alice"));
        Screenshots.take(browser.driver(), "sso-03-signed-in");
        assertEquals(1, demo.admin().users().searchByEmail("alice@acme.test", true).size());
    }

    @Test
    void mallory_is_shown_a_refusal_that_names_no_domain() {
        browser.open(ACCOUNT);
        ui.click(By.id("social-sso"));
        ui.type(By.id("identifier"), "Acme");
        ui.click(By.id("gatehouse-sso-continue"));
        ui.waitFor(By.id("username"));
        ui.type(By.id("username"), "mallory");
        ui.type(By.id("password"), "password");
        ui.click(By.id("kc-login"));

        ui.within(10).until(d -> d.getPageSource().contains("not allowed for this organization"));
        Screenshots.take(browser.driver(), "sso-04-refused");
        assertFalse(browser.driver().getPageSource().contains("acme.test"), "the page must not name the allowed domains");
        assertEquals(0, demo.admin().users().searchByEmail("mallory@evil.test", true).size());
    }

    @Test
    void an_unknown_company_gets_a_generic_answer() {
        browser.open(ACCOUNT);
        ui.click(By.id("social-sso"));
        ui.type(By.id("identifier"), "someone@unknown-company.test");
        ui.click(By.id("gatehouse-sso-continue"));

        ui.within(10).until(d -> d.getPageSource().contains("We could not find single sign-on for that."));
        Screenshots.take(browser.driver(), "sso-05-unknown");
    }
}
