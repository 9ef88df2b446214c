package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins invited at onboarding get Keycloak's organization invitation email, through a real SMTP
 * server on loopback (GreenMail); its link works; the first to accept becomes the org's admin and
 * the next joins with the default role until an admin promotes them.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class InvitationsTest {

    private static final int SMTP_PORT = 3025;
    private static final String STOP = "http://stop.invalid/";
    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GreenMail smtp;
    GatehouseApi api;
    String orgId;
    String domain;

    @BeforeEach
    void onboard() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation settings = realm.admin().toRepresentation();
        settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(SMTP_PORT), "from", "onboarding@vendor.test"));
        realm.admin().update(settings);
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "invite-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Invite " + domain, domain);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void the_first_invited_admin_to_accept_becomes_admin_and_others_join_as_members_until_promoted() throws Exception {
        assertEquals(201, api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", "first@" + domain))).status());
        assertEquals(201, api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", "second@" + domain))).status());
        assertTrue(smtp.waitForIncomingEmail(10_000, 2), "Keycloak sent two invitation emails");

        accept(mailTo("first@" + domain), "first@" + domain);
        accept(mailTo("second@" + domain), "second@" + domain);

        JsonNode invites = api.get("/orgs/" + orgId + "/invitations").body();
        assertEquals(2, invites.size(), invites.toString());
        for (JsonNode invite : invites) {
            assertFalse(invite.get("acceptedAt").isNull(), invite.toString());
            assertEquals(invite.get("email").asText().startsWith("first@"), invite.get("becameAdmin").asBoolean(), invites.toString());
        }
        String firstId = realm.admin().users().search("first@" + domain, true).get(0).getId();
        String secondId = realm.admin().users().search("second@" + domain, true).get(0).getId();
        assertEquals(List.of(firstId), roleMembers("admin"));
        assertTrue(roleMembers("member").containsAll(List.of(firstId, secondId)));

        JsonNode members = api.get("/orgs/" + orgId + "/members").body();
        assertEquals(2, members.size(), members.toString());
        JsonNode first = members.get(0).get("id").asText().equals(firstId) ? members.get(0) : members.get(1);
        assertEquals(List.of("admin", "member"), List.of(first.get("roles").get(0).asText(), first.get("roles").get(1).asText()), members.toString());

        assertEquals(204, api.post("/orgs/" + orgId + "/members/" + secondId + "/roles", json(Map.of("role", "admin"))).status());
        assertTrue(roleMembers("admin").containsAll(List.of(firstId, secondId)), "an admin promoted the second");
        assertTrue(api.get("/orgs/" + orgId + "/activity").rawBody().contains("org.role_granted"));
    }

    @Test
    void bad_invitations_are_refused_with_a_reason() {
        ApiResponse noEmail = api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", "not-an-email")));
        assertEquals(400, noEmail.status());
        assertEquals("invalid_email", noEmail.error());
        assertEquals(404, api.post("/orgs/nope/invitations", json(Map.of("email", "a@" + domain))).status());
        assertEquals(404, api.post("/orgs/" + orgId + "/members/nobody/roles", json(Map.of("role", "admin"))).status());
        assertEquals(404, api.get("/orgs/nope/members").status());
        assertEquals(400, api.get("/orgs/" + orgId + "/members?max=1000").status());
    }

    private MimeMessage mailTo(String email) throws Exception {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(email);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst().orElseThrow(() -> new AssertionError("no invitation email to " + email));
    }

    /** Follows the email's link and registers, as the invited person would. */
    private void accept(MimeMessage mail, String email) {
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), "a link in the email: " + body);
        BrowserlessUser invitee = new BrowserlessUser(STOP);
        Page registration = invitee.open(link.group(1).replace("&amp;", "&"));
        Page registered = invitee.submit(registration, Map.of("username", email, "firstName", "Invited", "lastName", "Admin",
                "password", "a-long-enough-password-42", "password-confirm", "a-long-enough-password-42"));
        assertFalse(registered.body().contains("kc-register-form"), "registration went through: " + registered.body());
        assertFalse(realm.admin().users().search(email, true).isEmpty(), "the invited person has an account");
    }

    private List<String> roleMembers(String role) throws IOException {
        ApiResponse directory = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "check-" + role)));
        String filter = GatehouseApi.query("displayName eq \"" + role + "\"");
        HttpResponse<String> groups = send(HttpRequest.newBuilder(URI.create(directory.body().get("baseUrl").asText() + "/Groups?filter=" + filter))
                .header("Authorization", "Bearer " + directory.body().get("token").asText()).GET());
        JsonNode members = new com.fasterxml.jackson.databind.ObjectMapper().readTree(groups.body()).at("/Resources/0/members");
        return java.util.stream.StreamSupport.stream(members.spliterator(), false).map(m -> m.get("value").asText()).toList();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
