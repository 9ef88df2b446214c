package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.it.support.BrowserSteps;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgFixture;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.Screenshots;
import io.gatehouse.it.support.TestUsers;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
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
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview page's "Email members to connect their accounts" button, in Debian's headless
 * Chromium: it sends the SSO notice through the management API and says how many were mailed.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class BrowserSsoNoticeTest {

    private static final int SMTP_PORT = 3027;

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectWebDriver(lifecycle = LifeCycle.METHOD)
    ManagedWebDriver browser;

    GreenMail smtp;

    @BeforeEach
    void mailServer() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(SMTP_PORT), "from", "sso@vendor.test"));
        realm.admin().update(settings);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void an_admin_sends_the_sso_notice_again_from_the_overview_page() {
        GatehouseApi api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        OrgFixture org = OrgFixture.create(api, realm.admin(), "notice");
        String email = "fay@" + org.domain;
        TestUsers.create(realm.admin(), email, email, true, "a-long-enough-password-42");
        String fay = realm.admin().users().search(email, true).get(0).getId();
        try (Response added = realm.admin().organizations().get(org.id).members().addMember(fay)) {
            assertEquals(201, added.getStatus());
        }
        org.linkedConnection(); // active at once, and announced by no activation: only the button mails fay

        BrowserSteps ui = new BrowserSteps(browser);
        browser.open(urls.getBase() + "/realms/master/gatehouse-admin/?realm=" + realm.getName() + "&org=" + org.id);
        ui.type(By.id("username"), "admin");
        ui.type(By.id("password"), "admin");
        ui.click(By.id("kc-login"));
        ui.click(By.id("send-sso-notice"));
        ui.within(10).until(ExpectedConditions.alertIsPresent()).accept();

        String result = ui.within(20).until(d -> {
            String text = d.findElement(By.id("sso-notice-result")).getText();
            return text.isEmpty() ? null : text;
        });
        Screenshots.take(browser.driver(), "sso-notice-01-resent");
        assertEquals("Mailed 1 member(s).", result);
        assertTrue(smtp.waitForIncomingEmail(10_000, 1), "fay got it");
        JsonNode newest = api.get(org.path() + "/activity").body().get(0);
        assertEquals("sso.notice_sent", newest.get("kind").asText(), newest.toString());
        assertEquals("master/admin", newest.get("actor").asText(), newest.toString());
        assertEquals(List.of(email), Arrays.stream(smtp.getReceivedMessages()).map(BrowserSsoNoticeTest::to).toList(), "only the button mailed");
    }

    private static String to(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
