package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.BrowserSteps;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.Screenshots;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.injection.LifeCycle;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A vendor's admin onboards a customer in Keycloak's admin console, in a real browser (Debian's
 * headless Chromium): fills in Gatehouse's onboarding page (Configure → gatehouse-onboarding),
 * which creates the organization with safe defaults and invites its admin; a bad domain is refused
 * in the console's alert; then, on the organization's overview page linked from the item, creates
 * a setup link, a SCIM directory and the support account, whose secrets are shown once, signed in
 * through the page's own narrow client (its token carries only the page's roles). Screenshots:
 * target/screenshots/{database}/console-*.png.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrowserConsoleOnboardingTest {

    private static final int SMTP_PORT = 3026;
    private static final String PAGE_PROVIDER = "org.keycloak.services.ui.extend.UiPageProvider";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver(lifecycle = LifeCycle.METHOD)
    ManagedWebDriver browser;

    BrowserSteps ui;

    GreenMail smtp;
    GatehouseApi api;

    @BeforeEach
    void mailServer() {
        ui = new BrowserSteps(browser);
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(SMTP_PORT), "from", "onboarding@vendor.test"));
        realm.admin().update(settings);
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void an_admin_onboards_an_organization_in_the_console_and_hands_out_a_setup_link() {
        String domain = "console-" + OrgApiTest.unique() + ".test";
        String name = "Console " + domain;
        browser.open(urls.getBase() + "/admin/master/console/#/" + realm.getName() + "/page-section/gatehouse-onboarding");
        ui.type(By.id("username"), "admin");
        ui.type(By.id("password"), "admin");
        ui.click(By.id("kc-login"));
        ui.click(By.xpath("//*[self::button or self::a][normalize-space()='Create item']"));
        Screenshots.take(browser.driver(), "console-01-onboarding-form");

        ui.type(field("name"), name);
        ui.type(multivalued("domains"), domain);
        ui.type(field("externalId"), "crm-" + domain);
        // The operator's regions (GatehouseServerConfig) make region a dropdown, and the backend URL follows from it.
        assertTrue(browser.driver().findElements(field("backendUrl")).isEmpty(), "no free-text backend URL beside the regions");
        ui.click(By.xpath("//div[contains(concat(' ', normalize-space(@class), ' '), ' pf-v5-c-form__group ')]"
                + "[.//label[.//text()[normalize-space()='Region']]]//button[contains(@class,'menu-toggle') or contains(@class,'select__toggle')]"));
        Screenshots.take(browser.driver(), "console-02a-regions");
        ui.click(By.xpath("//*[@role='option' or @role='menuitem'][normalize-space()='us-east-1' or .//*[normalize-space()='us-east-1']]"));
        ui.type(multivalued("admins"), "it-admin@" + domain);
        Screenshots.take(browser.driver(), "console-02-filled-in");
        ui.click(By.cssSelector("[data-testid='save']"));

        JsonNode org = ui.within(15).until(d -> {
            JsonNode found = api.get("/orgs?search=" + GatehouseApi.query(name)).body();
            return found.size() == 1 ? found.get(0) : null;
        });
        Screenshots.take(browser.driver(), "console-03-saved");
        assertEquals(domain, org.at("/domains/0/name").asText());
        assertEquals("crm-" + domain, org.get("externalId").asText());
        assertEquals("us-east-1", org.at("/attributes/region/0").asText());
        assertEquals("https://us.example.test", org.at("/attributes/backendUrl/0").asText(), "the region's backend URL");
        assertTrue(org.at("/policies/mfaForNonSsoUsers").asBoolean(), "MFA for users without SSO is on by default");
        assertFalse(org.at("/policies/autoJoinByDomain").asBoolean(), "automatic membership by domain is off by default");
        assertFalse(org.at("/policies/ssoRequired").asBoolean());
        String orgId = org.get("id").asText();
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "Keycloak sent the invitation email");
        assertEquals("it-admin@" + domain, api.get("/orgs/" + orgId + "/invitations").body().get(0).get("email").asText());

        ComponentRepresentation item = realm.admin().components().query(realm.admin().toRepresentation().getId(), PAGE_PROVIDER).stream()
                .filter(c -> orgId.equals(c.getConfig().getFirst("organizationId"))).findFirst().orElseThrow();
        String overview = item.getConfig().getFirst("overview");
        assertEquals(urls.getBase() + "/realms/master/gatehouse-admin/?realm=" + realm.getName() + "&org=" + orgId, overview,
                "the page lives at the admin realm's one address its client may redirect to");
        item.getConfig().put("mfaForNonSsoUsers", List.of("off"));
        item.getConfig().put("admins", List.of("it-admin@" + domain, "cto@" + domain));
        item.getConfig().put("organizationId", List.of(""));
        realm.admin().components().component(item.getId()).update(item); // what the console's Save sends for an edited item
        assertFalse(api.get("/orgs/" + orgId).body().at("/policies/mfaForNonSsoUsers").asBoolean(), "editing the item updates the org");
        assertEquals("mfaForNonSsoUsers: true → false", api.get("/orgs/" + orgId + "/activity").body().get(0).get("detail").asText());
        assertEquals(2, api.get("/orgs/" + orgId + "/invitations").body().size(), "the admin added to the list is invited");
        assertEquals(orgId, realm.admin().components().component(item.getId()).toRepresentation().getConfig().getFirst("organizationId"),
                "the item stays linked to its organization");

        browser.open(urls.getBase() + "/admin/master/console/#/" + realm.getName() + "/page-section/gatehouse-onboarding");
        ui.waitFor(By.xpath("//td[contains(., '" + overview + "')]"));
        Screenshots.take(browser.driver(), "console-03b-onboarded-list");

        browser.open(overview);
        assertEquals(name, ui.within(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("org-name"))).getText());
        ui.waitFor(By.cssSelector("#domains table"));
        String settings = ui.waitFor(By.id("facts")).getText();
        assertTrue(settings.contains("MFA for users who don't use SSO\noff") && settings.contains("region\nus-east-1"), settings);
        String invited = ui.waitFor(By.id("invitations")).getText();
        assertTrue(invited.contains("it-admin@" + domain) && invited.contains("PENDING"), invited);
        Screenshots.take(browser.driver(), "console-04-overview");
        ui.click(By.cssSelector("#invitations [data-revoke='cto@" + domain + "']"));
        ui.within(10).until(ExpectedConditions.alertIsPresent()).accept();
        ui.within(15).until(driver -> !driver.findElement(By.id("invitations")).getText().contains("cto@" + domain));
        assertEquals(List.of("it-admin@" + domain), StreamSupport.stream(api.get("/orgs/" + orgId + "/invitations").body().spliterator(), false)
                .map(i -> i.get("email").asText()).toList(), "the revoked invitation is gone, the other stays");

        ui.click(By.id("create-setup-link"));
        String link = ui.waitFor(By.cssSelector("#setup-links [data-value='link']")).getText();
        assertTrue(link.startsWith(urls.getBase() + "/realms/" + realm.getName() + "/gatehouse-setup/open/"), link);
        ui.type(By.cssSelector("#directories input[name='name']"), "Okta");
        ui.click(By.id("create-directory"));
        String token = ui.waitFor(By.cssSelector("#directories [data-value='token']")).getText();
        String baseUrl = ui.waitFor(By.cssSelector("#directories [data-value='base URL']")).getText();
        ui.click(By.id("create-support-account"));
        String password = ui.waitFor(By.cssSelector("#support-account [data-value='password']")).getText();
        assertTrue(ui.waitFor(By.cssSelector("#support-account [data-value='otpauth URI']")).getText().startsWith("otpauth://totp/"));
        assertTrue(password.length() >= 16, "a generated password: " + password);
        Screenshots.take(browser.driver(), "console-05-secrets-shown-once");
        assertEquals(200, ScimClient.at(baseUrl, token).get("/Users").status(), "the token shown works");
        assertEquals("ACTIVE", api.get("/orgs/" + orgId + "/setup-links").body().get(0).get("state").asText());

        browser.driver().navigate().refresh();
        ui.waitFor(By.cssSelector("#setup-links table"));
        ui.waitFor(By.cssSelector("#directories table"));
        assertTrue(browser.driver().findElements(By.cssSelector("[data-secret]")).isEmpty(), "secrets are shown once");
        assertFalse(browser.driver().getPageSource().contains(token));
        assertFalse(browser.driver().getPageSource().contains(password));
        Screenshots.take(browser.driver(), "console-06-overview-after-reload");

        browser.open(urls.getBase() + "/realms/" + realm.getName() + "/gatehouse-admin/?org=" + orgId);
        assertEquals(name, ui.within(20).until(ExpectedConditions.visibilityOfElementLocated(By.id("org-name"))).getText(),
                "an overview link of the older form still opens the organization");
        assertEquals(overview, browser.getCurrentUrl());
    }

    @Test
    void a_bad_domain_is_refused_in_the_console_and_nothing_is_created() {
        String name = "Refused " + OrgApiTest.unique();
        browser.open(urls.getBase() + "/admin/master/console/#/" + realm.getName() + "/page-section/gatehouse-onboarding/add");
        ui.type(By.id("username"), "admin");
        ui.type(By.id("password"), "admin");
        ui.click(By.id("kc-login"));

        ui.type(field("name"), name);
        ui.type(multivalued("domains"), "not a domain");
        ui.click(By.cssSelector("[data-testid='save']"));

        WebElement alert = ui.within(15).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[contains(@class,'pf-v5-c-alert') and contains(.,'not a domain')]")));
        Screenshots.take(browser.driver(), "console-07-bad-domain-refused");
        assertTrue(alert.getText().contains("'not a domain' is not a valid domain name"), alert.getText());
        ApiResponse found = api.get("/orgs?search=" + GatehouseApi.query(name));
        assertEquals(0, found.body().size(), "nothing created: " + found);
        assertTrue(realm.admin().components().query(realm.admin().toRepresentation().getId(), PAGE_PROVIDER).stream()
                .noneMatch(c -> name.equals(c.getConfig().getFirst("name"))), "and no onboarding item saved");
    }

    private static By field(String property) {
        return By.cssSelector("[data-testid='" + property + "'], [id='config." + property + "']");
    }

    private static By multivalued(String property) {
        return By.cssSelector("[data-testid='config." + property + "0']");
    }
}
