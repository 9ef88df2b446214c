package io.gatehouse.it;

import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.BrowserSteps;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.LoopbackDns;
import io.gatehouse.it.support.Screenshots;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
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

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The customer's IT admin in a real browser (Debian's headless Chromium): opens the setup link,
 * proves the domain against the loopback DNS server, connects their SAML IdP (a second Keycloak
 * realm), creates a SCIM directory; then an employee signs in through that IdP; and the link,
 * opened again, is refused. Screenshots: target/screenshots/{database}/setup-*.png.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrowserSetupPortalTest {

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver(lifecycle = LifeCycle.METHOD)
    ManagedWebDriver browser;

    BrowserSteps ui;

    @BeforeEach
    void steps() {
        ui = new BrowserSteps(browser);
    }

    LoopbackDns dns = new LoopbackDns();

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void the_it_admin_sets_up_their_organization_and_an_employee_signs_in() throws Exception {
        dns.publish(Map.of());
        GatehouseApi api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        String domain = "portal-" + OrgApiTest.unique() + ".test";
        String orgId = api.createOrg("Portal " + domain, domain);
        String link = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("domain", "sso", "scim"))))
                .body().get("url").asText();

        browser.open(link);
        Screenshots.take(browser.driver(), "setup-01-start");
        ui.click(By.id("gatehouse-setup-begin"));
        ui.waitFor(By.id("gatehouse-setup-domain"));
        Screenshots.take(browser.driver(), "setup-02-portal");

        ui.click(By.cssSelector("#gatehouse-setup-domain button[value='start']"));
        String record = ui.waitFor(By.id("gatehouse-record-value")).getText();
        dns.publish(Map.of("_gatehouse-challenge." + domain, record));
        ui.click(By.cssSelector("#gatehouse-setup-domain button[value='check']"));
        ui.within(10).until(ExpectedConditions.textToBe(By.id("gatehouse-verification-status"), "verified"));
        Screenshots.take(browser.driver(), "setup-03-domain-verified");

        ui.type(By.id("metadataUrl"), urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor");
        ui.click(By.id("gatehouse-connect-saml"));
        ui.waitFor(By.id("gatehouse-setup-connected"));
        Screenshots.take(browser.driver(), "setup-04-saml-connected");
        String alias = api.get("/orgs/" + orgId + "/connections").body().get(0).get("id").asText();

        String tester = "tester-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), tester, tester + "@" + domain, true, "password");
        TestResult passed = testConnection(alias, tester, "setup-04b-test-passed");
        assertEquals("passed", passed.outcome(), passed.text());
        assertTrue(passed.text().contains(tester + "@" + domain), "shows what the IdP sent: " + passed.text());
        assertTrue(sso.admin().users().searchByEmail(tester + "@" + domain, true).isEmpty(), "a test login creates no user");

        String outsider = "outsider-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), outsider, outsider + "@elsewhere.test", true, "password");
        TestResult refused = testConnection(alias, outsider, "setup-04c-test-refused");
        assertEquals("refused", refused.outcome(), refused.text());
        assertTrue(refused.text().contains("outside this organization's domains (" + domain + ")"), refused.text());

        ui.type(By.id("scimName"), "Okta");
        ui.click(By.id("gatehouse-create-scim"));
        String token = ui.waitFor(By.id("gatehouse-scim-token")).getText();
        String baseUrl = ui.waitFor(By.id("gatehouse-scim-base-url")).getText();
        Screenshots.take(browser.driver(), "setup-05-scim-created");
        assertEquals(200, get(baseUrl + "/Users", token).statusCode(), "the token shown works");

        String connection = api.get("/orgs/" + orgId + "/connections").body().get(0).get("id").asText();
        String employee = "emp-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), employee, employee + "@" + domain, true, "password");
        browser.driver().manage().deleteAllCookies();
        browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id=" + SsoRealm.APP
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8)
                + "&kc_idp_hint=" + connection);
        ui.type(By.id("username"), employee);
        ui.type(By.id("password"), "password");
        Screenshots.take(browser.driver(), "setup-06-employee-at-idp");
        ui.click(By.id("kc-login"));
        // The SAML IdP sends only the email (NameID), so Keycloak asks the employee for their name once.
        ui.type(By.id("firstName"), "Erin");
        ui.type(By.id("lastName"), "Employee");
        Screenshots.take(browser.driver(), "setup-06b-employee-profile");
        ui.click(By.cssSelector("input[type='submit'], button[type='submit']"));
        try {
            ui.within(20).until(d -> d.getCurrentUrl().startsWith(SsoRealm.APP_REDIRECT) && d.getCurrentUrl().contains("code="));
        } catch (org.openqa.selenium.TimeoutException e) {
            Screenshots.take(browser.driver(), "setup-06c-not-signed-in");
            throw new AssertionError("not back at the app: " + browser.getCurrentUrl() + "\n" + browser.driver().getPageSource(), e);
        }
        assertEquals(1, sso.admin().users().searchByEmail(employee + "@" + domain, true).size(), "signed in through the new connection");

        browser.open(link);
        ui.within(10).until(d -> d.getPageSource().contains("no longer valid"));
        Screenshots.take(browser.driver(), "setup-07-link-used");
        assertTrue(browser.driver().getPageSource().contains("Ask your vendor for a new one"));
    }

    @Test
    void a_connection_whose_signature_does_not_verify_fails_its_test_with_the_reason() throws Exception {
        GatehouseApi api = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        String domain = "badsig-" + OrgApiTest.unique() + ".test";
        String orgId = api.createOrg("Bad signature " + domain, domain);
        ApiResponse connection = api.post("/orgs/" + orgId + "/connections", json(Map.of("type", "saml",
                "metadataXml", withAnotherSigningCertificate(get(urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor", null).body()))));
        assertEquals(201, connection.status(), connection.toString());
        String alias = connection.body().get("id").asText();
        String link = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso")))).body().get("url").asText();
        String employee = "sig-" + OrgApiTest.unique();
        TestUsers.create(customer.admin(), employee, employee + "@" + domain, true, "password");

        browser.open(link);
        ui.click(By.id("gatehouse-setup-begin"));
        ui.click(By.id("gatehouse-test-" + alias));
        ui.type(By.id("username"), employee);
        ui.type(By.id("password"), "password");
        ui.click(By.id("kc-login"));
        Screenshots.take(browser.driver(), "setup-08-test-idp-error");
        browser.open(urls.getBase() + "/realms/" + SsoRealm.NAME + "/gatehouse-setup/portal");
        WebElement failed = ui.waitFor(By.id("gatehouse-test-result-" + alias));
        Screenshots.take(browser.driver(), "setup-09-test-bad-signature");
        assertEquals("failed", failed.getAttribute("data-outcome"), failed.getText());
        assertTrue(failed.getText().contains("Bad signature"), failed.getText());
    }

    private record TestResult(String outcome, String text) {
    }

    /** Signs in at the customer IdP through "Test connection" and answers the test's result on the portal. */
    private TestResult testConnection(String alias, String username, String screenshot) {
        ui.click(By.id("gatehouse-test-" + alias));
        ui.type(By.id("username"), username);
        ui.type(By.id("password"), "password");
        ui.click(By.id("kc-login"));
        WebElement result;
        try {
            result = ui.waitFor(By.id("gatehouse-test-result-" + alias));
        } catch (org.openqa.selenium.TimeoutException e) {
            Screenshots.take(browser.driver(), "setup-test-connection-no-result");
            throw new AssertionError("no test result at " + browser.getCurrentUrl() + "\n" + browser.driver().getPageSource(), e);
        }
        TestResult found = new TestResult(result.getAttribute("data-outcome"), result.getText());
        Screenshots.take(browser.driver(), screenshot);
        // The next person to sign in at the customer IdP in this browser is someone else.
        customer.admin().users().get(customer.admin().users().search(username, true).get(0).getId()).logout();
        return found;
    }


    /** The customer IdP's metadata, naming the sso realm's signing certificate instead of its own. */
    private String withAnotherSigningCertificate(String metadata) throws Exception {
        String other = get(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/saml/descriptor", null).body();
        String otherCertificate = certificate(other);
        return metadata.replace(certificate(metadata), otherCertificate);
    }

    private static String certificate(String metadata) {
        Matcher m = Pattern.compile("<(?:ds:)?X509Certificate>([^<]+)</(?:ds:)?X509Certificate>").matcher(metadata);
        if (!m.find()) {
            throw new AssertionError("no certificate in " + metadata);
        }
        return m.group(1);
    }

    private static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
