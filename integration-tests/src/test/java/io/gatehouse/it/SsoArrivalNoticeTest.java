package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.ConnectionActivation;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgFixture;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.SsoRealm;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When an organization's first connection becomes active (its first passing test: a new connection
 * is a draft), its members who sign in with a password get an email, through a real SMTP server on loopback (GreenMail), whose link is Keycloak's own
 * idp_link action: followed in a real login it links their account at the customer's IdP. Managed,
 * disabled, mail-less and support accounts get nothing; a draft, a second connection and a restart mail
 * no one; an admin
 * sends it again through {@code POST /orgs/{id}/sso-notice}.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class SsoArrivalNoticeTest {

    private static final int SMTP_PORT = 3026;
    private static final String PASSWORD = "a-long-enough-password-42";
    private static final String ADMIN_PASSWORD = "Passw0rd!-long-enough";
    private static final Pattern LINK = Pattern.compile("href=\"([^\"]*kc_action[^\"]*)\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The service provider's realm, with SMTP, and two admins of organizations: one may manage users. */
    @InjectRealm(ref = "sso", config = SsoRealmWithOrgAdmins.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GreenMail smtp;
    GatehouseApi api;
    BrokeredLogins logins;

    @BeforeEach
    void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        RealmRepresentation settings = sso.admin().toRepresentation();
        settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(SMTP_PORT), "from", "sso@vendor.test"));
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        sso.admin().update(settings);
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void the_first_connection_mails_exactly_the_password_members_and_its_link_links_their_account_at_the_idp() throws Exception {
        String domain = "notice-" + OrgFixture.unique() + ".test";
        String orgId = api.createOrg("Notice " + domain, domain);
        String ann = member(orgId, "ann@" + domain, "ann@" + domain, PASSWORD, true);
        member(orgId, "off@" + domain, "off@" + domain, PASSWORD, false);
        member(orgId, "nomail-" + domain, null, PASSWORD, true);
        member(orgId, "nopass@" + domain, "nopass@" + domain, null, true);
        String managed = ScimClient.newDirectory(api, orgId, "okta").createUser(json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA),
                "userName", "scim@" + domain, "emails", List.of(Map.of("value", "scim@" + domain, "primary", true)), "active", true)));
        setPassword(managed);
        assertEquals(201, api.post("/orgs/" + orgId + "/support-account", "").status());
        assertEquals(0, smtp.getReceivedMessages().length);

        String alias = logins.draft(orgId, "oidc");
        Thread.sleep(2_000);
        assertEquals(0, smtp.getReceivedMessages().length, "a draft signs no one in, so it tells no one");

        ConnectionActivation.activate(api, customer.admin(), orgId, alias);

        assertTrue(smtp.waitForIncomingEmail(15_000, 1), "the password member is mailed");
        MimeMessage mail = settledMail(1).get(0);
        assertEquals(Set.of("ann@" + domain), recipients(), "only the enabled member with a password and an email, never the managed,"
                + " disabled, mail-less, password-less or support account");
        assertEquals("Notice " + domain + " now signs in with single sign-on", mail.getSubject());
        String body = GreenMailUtil.getBody(mail);
        assertTrue(body.contains("Your password keeps working too."), body);
        assertFalse(body.contains("password sign-in will stop"), body);
        JsonNode sent = activity(orgId, "sso.notice_sent");
        assertEquals("SUCCESS", sent.get("outcome").asText(), sent.toString());
        assertEquals(alias, sent.get("subject").asText());
        assertEquals("Test connection", sent.get("actor").asText(), "the first passing test activated it: " + sent);
        assertTrue(sent.get("detail").asText().startsWith("mailed 1 member"), sent.toString());

        BrowserlessUser member = new BrowserlessUser(accountUrl());
        Page login = member.open(link(mail));
        Page confirm = member.signIn(login, "ann@" + domain, PASSWORD);
        assertTrue(confirm.body().contains("kc-continue"), "Keycloak's idp_link action asks to confirm: " + confirm.uri() + "\n" + confirm.body());
        Page idpLogin = member.submit(confirm, Map.of());
        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page linked = member.signIn(idpLogin, logins.idpUser("ann@" + domain), "password");

        assertTrue(linked.uri().toString().startsWith(accountUrl()), linked.uri() + "\n" + linked.body());
        assertEquals(List.of(alias), sso.admin().users().get(ann).getFederatedIdentity().stream()
                .map(identity -> identity.getIdentityProvider()).toList(), "ann's account is linked to the connection");

        ConnectionActivation.activate(api, customer.admin(), orgId, logins.draft(orgId, "saml"));
        assertEquals(200, api.put("/orgs/" + orgId + "/connections/" + alias + "/state", json(Map.of("state", "inactive"))).status());
        assertEquals(200, api.put("/orgs/" + orgId + "/connections/" + alias + "/state", json(Map.of("state", "active"))).status());
        Thread.sleep(3_000);
        assertEquals(1, smtp.getReceivedMessages().length, "a second connection, and the first restarted, mail no one");
    }

    @Test
    void an_organization_of_more_than_a_page_of_members_has_each_password_member_mailed_once() throws Exception {
        String domain = "large-" + OrgFixture.unique() + ".test";
        String orgId = api.createOrg("Large " + domain, domain);
        int members = 105;
        for (int i = 0; i < members; i++) {
            member(orgId, "m" + i + "@" + domain, "m" + i + "@" + domain, PASSWORD, true);
        }

        ConnectionActivation.activate(api, customer.admin(), orgId, logins.draft(orgId, "oidc"));

        assertTrue(smtp.waitForIncomingEmail(60_000, members), "every member is mailed, across pages of 100");
        settledMail(members);
        assertEquals(members, recipients().size(), "each member once");
        assertTrue(activity(orgId, "sso.notice_sent").get("detail").asText().startsWith("mailed " + members + " member"));
    }

    @Test
    void a_first_connection_made_on_the_setup_portal_mails_the_members_once_its_test_passes() throws Exception {
        String domain = "portal-" + OrgFixture.unique() + ".test";
        String orgId = api.createOrg("Portal " + domain, domain);
        member(orgId, "eve@" + domain, "eve@" + domain, PASSWORD, true);
        ApiResponse link = api.post("/orgs/" + orgId + "/setup-links", json(Map.of("intents", List.of("sso"))));
        assertEquals(201, link.status(), link.toString());
        BrowserlessUser itAdmin = new BrowserlessUser("http://stop.invalid/");
        Page portal = itAdmin.submit(itAdmin.open(link.body().get("url").asText()), Map.of());

        Page connected = connectOidc(itAdmin, portal);
        assertTrue(connected.body().contains("gatehouse-setup-connected"), connected.body());
        String alias = api.get("/orgs/" + orgId + "/connections").body().get(0).get("id").asText();
        Thread.sleep(2_000);
        assertEquals(0, smtp.getReceivedMessages().length, "the IT admin has not tested it yet");

        ConnectionActivation.activate(api, customer.admin(), orgId, alias);

        assertTrue(smtp.waitForIncomingEmail(15_000, 1));
        settledMail(1);
        assertEquals(Set.of("eve@" + domain), recipients());
        assertEquals(alias, activity(orgId, "sso.notice_sent").get("subject").asText());
    }

    @Test
    void with_sso_required_the_email_says_password_sign_in_will_stop_and_a_hostile_org_name_is_only_text() throws Exception {
        String domain = "hostile-" + OrgFixture.unique() + ".test";
        String hostile = "<script>alert(1)</script><a href=\"https://evil.test\">Evil</a> & Co " + domain;
        ApiResponse created = api.createOrg(json(Map.of("name", hostile, "alias", "hostile-" + OrgFixture.unique(),
                "domains", List.of(domain), "policies", Map.of("ssoRequired", true))));
        assertEquals(201, created.status(), created.toString());
        String orgId = created.body().get("id").asText();
        member(orgId, "bob@" + domain, "bob@" + domain, PASSWORD, true);

        ConnectionActivation.activate(api, customer.admin(), orgId, logins.draft(orgId, "oidc"));

        assertTrue(smtp.waitForIncomingEmail(15_000, 1));
        MimeMessage mail = settledMail(1).get(0);
        String html = part(mail, "text/html");
        String text = part(mail, "text/plain");
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("href=\"https://evil.test\""), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertTrue(html.contains("&amp; Co"), html);
        assertTrue(html.contains("password sign-in will stop"), html);
        assertTrue(text.contains(hostile + " requires SSO: password sign-in will stop."), text);
        assertFalse(text.contains("Your password keeps working too."), text);
        assertEquals(hostile + " now signs in with single sign-on", mail.getSubject());
        assertEquals(1, LINK.matcher(html).results().count(), "one link, the notice's own: " + html);
    }

    @Test
    void an_admin_sends_it_again_with_manage_on_the_org_and_manage_users_and_it_is_recorded() throws Exception {
        String domain = "resend-" + OrgFixture.unique() + ".test";
        String orgId = api.createOrg("Resend " + domain, domain);
        GatehouseApi manager = adminApi("manager");
        GatehouseApi provisioner = adminApi("provisioner");

        assertTrue(api.get("/openapi.json").body().at("/paths/~1orgs~1{id}~1sso-notice").has("post"), "the route is in the OpenAPI description");
        ApiResponse none = provisioner.post("/orgs/" + orgId + "/sso-notice", "");
        assertEquals(409, none.status(), none.toString());
        assertEquals("no_connection", none.error());
        assertEquals(404, provisioner.post("/orgs/no-such-org/sso-notice", "").status());

        String alias = logins.draft(orgId, "oidc");
        member(orgId, "cat@" + domain, "cat@" + domain, PASSWORD, true);
        ApiResponse draft = provisioner.post("/orgs/" + orgId + "/sso-notice", "");
        assertEquals(409, draft.status(), "a draft's link would not work: " + draft);
        assertEquals("no_connection", draft.error());
        ApiResponse namedDraft = provisioner.post("/orgs/" + orgId + "/sso-notice", json(Map.of("connectionId", alias)));
        assertEquals(409, namedDraft.status(), namedDraft.toString());
        assertEquals("connection_not_active", namedDraft.error());
        ConnectionActivation.activate(api, customer.admin(), orgId, alias);
        assertTrue(smtp.waitForIncomingEmail(15_000, 1), "the activation told cat");
        int before = settledMail(1).size();

        ApiResponse refused = manager.post("/orgs/" + orgId + "/sso-notice", "");
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("manage-users"), refused.message());
        assertEquals(before, smtp.getReceivedMessages().length, "a refused call mails no one");
        ApiResponse unknown = provisioner.post("/orgs/" + orgId + "/sso-notice", json(Map.of("connectionId", "not-ours")));
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("connection_not_found", unknown.error());

        ApiResponse resent = provisioner.post("/orgs/" + orgId + "/sso-notice", "");

        assertEquals(200, resent.status(), resent.toString());
        assertEquals(alias, resent.body().get("connectionId").asText());
        assertEquals(1, resent.body().get("mailed").asInt(), resent.toString());
        assertEquals(0, resent.body().get("failed").asInt(), resent.toString());
        assertTrue(smtp.waitForIncomingEmail(10_000, before + 1));
        assertEquals(List.of("cat@" + domain), Arrays.stream(smtp.getReceivedMessages()).skip(before).map(SsoArrivalNoticeTest::to).toList());
        JsonNode sent = activity(orgId, "sso.notice_sent");
        assertEquals("sso/provisioner", sent.get("actor").asText(), sent.toString());
        assertEquals("SUCCESS", sent.get("outcome").asText());
        List<AdminEventRepresentation> events = sso.admin().getAdminEvents(List.of("ACTION"), null, null, null, null, null, null, null, 0, 50);
        AdminEventRepresentation event = events.stream().filter(e -> e.getResourcePath() != null && e.getResourcePath().endsWith("/sso-notice"))
                .findFirst().orElseThrow(() -> new AssertionError("an admin event for the resend: " + events));
        assertTrue(event.getRepresentation().contains("\"mailed\":1"), event.getRepresentation());
        assertEquals(provisioner(), event.getAuthDetails().getUserId());
    }

    @Test
    void without_smtp_the_connection_is_still_activated_and_the_notice_is_recorded_as_not_sent() throws Exception {
        RealmRepresentation settings = sso.admin().toRepresentation();
        settings.setSmtpServer(Map.of());
        sso.admin().update(settings);
        String domain = "nosmtp-" + OrgFixture.unique() + ".test";
        String orgId = api.createOrg("No SMTP " + domain, domain);
        member(orgId, "dan@" + domain, "dan@" + domain, PASSWORD, true);
        String alias = logins.draft(orgId, "oidc");

        ConnectionActivation.activate(api, customer.admin(), orgId, alias);

        JsonNode notSent = eventually(() -> entry(api, orgId, "sso.notice_sent"));
        assertEquals("REFUSED", notSent.get("outcome").asText(), notSent.toString());
        assertTrue(notSent.get("detail").asText().startsWith("no_smtp"), notSent.toString());
        ApiResponse resend = api.post("/orgs/" + orgId + "/sso-notice", "");
        assertEquals(409, resend.status(), resend.toString());
        assertEquals("no_smtp", resend.error());
        assertEquals(0, smtp.getReceivedMessages().length);
    }

    /** A member of the org, added by an admin (so unmanaged), with or without a password and an email. */
    private String member(String orgId, String username, String email, String password, boolean enabled) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(email != null);
        user.setFirstName("Test");
        user.setLastName("Member");
        user.setEnabled(enabled);
        if (password != null) {
            CredentialRepresentation credential = new CredentialRepresentation();
            credential.setType("password");
            credential.setValue(password);
            credential.setTemporary(false);
            user.setCredentials(List.of(credential));
        }
        String id;
        try (Response response = sso.admin().users().create(user)) {
            assertEquals(201, response.getStatus(), "user " + username);
            id = response.getLocation().getPath().substring(response.getLocation().getPath().lastIndexOf('/') + 1);
        }
        try (Response added = sso.admin().organizations().get(orgId).members().addMember(id)) {
            assertEquals(201, added.getStatus(), "member " + username);
        }
        return id;
    }

    private void setPassword(String userId) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("password");
        credential.setValue(PASSWORD);
        credential.setTemporary(false);
        sso.admin().users().get(userId).resetPassword(credential);
    }

    /** The portal's OIDC form, filled in for the customer realm. */
    private Page connectOidc(BrowserlessUser itAdmin, Page portal) {
        return itAdmin.submit(portal, Map.of("type", "oidc",
                "discoveryUrl", urls.getBase() + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET));
    }

    private String accountUrl() {
        return urls.getBase() + "/realms/" + SsoRealm.NAME + "/account/";
    }

    private GatehouseApi adminApi(String username) {
        return new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> token(username));
    }

    private String provisioner() {
        return sso.admin().users().search("provisioner", true).get(0).getId();
    }

    private String token(String username) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + username
                            + "&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8)))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages once no more arrive for a moment, which must be {@code expected} many. */
    private List<MimeMessage> settledMail(int expected) throws InterruptedException {
        Thread.sleep(2_000);
        List<MimeMessage> messages = Arrays.asList(smtp.getReceivedMessages());
        assertEquals(expected, messages.size(), "mails to " + recipients());
        return messages;
    }

    private Set<String> recipients() {
        return Arrays.stream(smtp.getReceivedMessages()).map(SsoArrivalNoticeTest::to).collect(Collectors.toSet());
    }

    private static String to(MimeMessage message) {
        try {
            Address[] to = message.getRecipients(Message.RecipientType.TO);
            return to == null ? "" : to[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String link(MimeMessage mail) throws Exception {
        Matcher link = LINK.matcher(part(mail, "text/html"));
        assertTrue(link.find(), "a link in the email");
        return link.group(1).replace("&amp;", "&");
    }

    /** The decoded text of the message's part of this MIME type. */
    private static String part(MimeMessage mail, String type) throws Exception {
        Object content = mail.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            String found = find(multipart, type);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no " + type + " part in " + GreenMailUtil.getWholeMessage(mail));
    }

    private static String find(jakarta.mail.Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            jakarta.mail.BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private JsonNode activity(String orgId, String kind) throws InterruptedException {
        return eventually(() -> entry(api, orgId, kind));
    }

    private static JsonNode entry(GatehouseApi api, String orgId, String kind) {
        return StreamSupport.stream(api.get("/orgs/" + orgId + "/activity").body().spliterator(), false)
                .filter(a -> kind.equals(a.get("kind").asText())).findFirst().orElse(null);
    }

    /** Mails and their activity entry are written after the connection's creation commits. */
    private static JsonNode eventually(java.util.function.Supplier<JsonNode> entry) throws InterruptedException {
        for (int tries = 0; tries < 50; tries++) {
            JsonNode found = entry.get();
            if (found != null) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such activity entry");
    }

    public static final class SsoRealmWithOrgAdmins implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return new SsoRealm().configure(realm).users(
                    admin("manager").clientRoles("realm-management", "manage-organizations", "manage-identity-providers", "view-events"),
                    admin("provisioner").clientRoles("realm-management", "manage-organizations", "manage-users", "view-events"));
        }

        private static UserBuilder admin(String name) {
            return UserBuilder.create().username(name).email(name + "@vendor.test").firstName(name).lastName("Admin")
                    .emailVerified(true).enabled(true).password(ADMIN_PASSWORD);
        }
    }
}
