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
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.SsoRealm;
import io.gatehouse.it.support.TestUsers;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.TokenVerifier;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.OrganizationInvitationRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admins invited at onboarding get Keycloak's organization invitation email, through a real SMTP
 * server on loopback (GreenMail); its link works; the first to accept becomes the org's admin and
 * the next joins with the default role until an admin promotes them. The admin role follows only
 * from accepting that invitation through its link: the same email arriving any other way (Keycloak's
 * admin API, SCIM), a revoked, deleted or expired invitation, promotes nobody.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class InvitationsTest {

    private static final int SMTP_PORT = 3025;
    private static final String STOP = "http://stop.invalid/";
    private static final Pattern LINK = Pattern.compile("href=\"([^\"]+)\"");
    private static final Pattern CONFIRM_LINK = Pattern.compile("href=\"([^\"]*login-actions/action-token[^\"]*)\"");
    private static final String PASSWORD = "a-long-enough-password-42";
    /** Past the 12 hours Keycloak gives an action token an admin created (the realm's default). */
    private static final int THIRTEEN_HOURS = 13 * 3600;
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    /** The service provider's realm and the customer's IdP, for the one test that signs in through an IdP. */
    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

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
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
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
            assertEquals("ACCEPTED", invite.get("state").asText(), invite.toString());
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

    @Test
    void an_existing_user_who_follows_the_emailed_link_becomes_admin_and_the_accepted_invitation_cannot_be_revoked() {
        String email = "existing@" + domain;
        TestUsers.create(realm.admin(), email, email, true, PASSWORD);
        String userId = userIdOf(email);
        invite(email);

        BrowserlessUser invitee = new BrowserlessUser(STOP);
        Page confirm = invitee.open(link(mailTo(email)));
        Matcher proceed = CONFIRM_LINK.matcher(confirm.body());
        assertTrue(proceed.find(), "Keycloak asks the invitee to confirm: " + confirm.body());
        invitee.open(unescape(proceed.group(1)));

        assertEquals(List.of("admin", "member"), rolesOf(userId));
        JsonNode invite = invitation(email);
        assertEquals("ACCEPTED", invite.get("state").asText(), invite.toString());
        assertTrue(invite.get("becameAdmin").asBoolean(), invite.toString());

        ApiResponse revoke = api.delete("/orgs/" + orgId + "/invitations/" + invite.get("id").asText());
        assertEquals(409, revoke.status(), revoke.toString());
        assertEquals("invitation_accepted", revoke.error());
        assertEquals("ACCEPTED", invitation(email).get("state").asText());
    }

    @Test
    void an_account_registered_with_the_address_but_never_verified_gets_no_admin_invitation() {
        String email = "squatted@" + domain;
        String squatter = createUser(email);
        int before = smtp.getReceivedMessages().length;

        ApiResponse refused = api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", email)));

        assertEquals(409, refused.status(), refused.toString());
        assertEquals("unverified_account", refused.error());
        assertEquals(before, smtp.getReceivedMessages().length, "no email sent: its link would sign in the squatter's account");
        assertTrue(findInvitation(email).isEmpty());
        assertTrue(keycloakInvitations().isEmpty(), "and Keycloak holds no invitation");
        assertTrue(realm.admin().organizations().get(orgId).members().list(null, null).stream().noneMatch(m -> squatter.equals(m.getId())));
    }

    @Test
    void keycloak_lists_no_link_of_an_admin_invitation_so_an_org_manager_cannot_register_as_the_invitee() {
        invite("linkless@" + domain);
        OrganizationInvitationRepresentation listed = keycloakInvitations().stream()
                .filter(i -> ("linkless@" + domain).equals(i.getEmail())).findFirst().orElseThrow();
        assertNull(listed.getInviteLink(), "Keycloak's own invitations API shows no link: " + listed.getInviteLink());
        assertEquals("PENDING", invitation("linkless@" + domain).get("state").asText());
    }

    @Test
    void a_user_added_through_keycloaks_admin_api_with_the_invited_email_is_not_made_admin_and_the_invitation_stays_pending() {
        String email = "boss@" + domain;
        invite(email);

        String userId = createUser(email);
        try (Response added = realm.admin().organizations().get(orgId).members().addMember(userId)) {
            assertEquals(201, added.getStatus());
        }

        assertEquals(List.of("member"), rolesOf(userId));
        JsonNode invite = invitation(email);
        assertEquals("PENDING", invite.get("state").asText(), invite.toString());
        assertTrue(invite.get("acceptedAt").isNull(), invite.toString());
        assertFalse(invite.get("becameAdmin").asBoolean(), invite.toString());
    }

    @Test
    void a_scim_user_with_the_invited_email_is_not_made_admin_and_the_invitation_stays_pending() {
        String email = "ceo@" + domain;
        invite(email);

        ScimClient directory = ScimClient.newDirectory(api, orgId, "hr");
        directory.createUser(json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA), "userName", email,
                "emails", List.of(Map.of("value", email, "primary", true)))));

        assertEquals(List.of("member"), rolesOf(userIdOf(email)));
        JsonNode invite = invitation(email);
        assertEquals("PENDING", invite.get("state").asText(), invite.toString());
        assertTrue(invite.get("acceptedAt").isNull(), invite.toString());
    }

    @Test
    void a_user_who_signs_in_through_the_orgs_idp_with_the_invited_email_is_not_made_admin_and_the_invitation_stays_pending() {
        RealmRepresentation settings = sso.admin().toRepresentation();
        settings.setSmtpServer(Map.of("host", "127.0.0.1", "port", String.valueOf(SMTP_PORT), "from", "onboarding@vendor.test"));
        sso.admin().update(settings);
        GatehouseApi ssoApi = new GatehouseApi(urls.getBase(), SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
        String ssoDomain = "idp-" + OrgApiTest.unique() + ".test";
        String ssoOrg = ssoApi.createOrg("Idp " + ssoDomain, ssoDomain);
        BrokeredLogins logins = new BrokeredLogins(urls.getBase(), ssoApi, sso, customer);
        String alias = logins.connect(ssoOrg, "oidc");
        String email = "cfo@" + ssoDomain;
        assertEquals(201, ssoApi.post("/orgs/" + ssoOrg + "/invitations", json(Map.of("email", email))).status());

        BrokeredLogins.assertSignedIn(logins.login(alias, logins.idpUser(email)));

        String userId = sso.admin().users().searchByEmail(email, true).get(0).getId();
        JsonNode member = StreamSupport.stream(ssoApi.get("/orgs/" + ssoOrg + "/members").body().spliterator(), false)
                .filter(m -> userId.equals(m.get("id").asText())).findFirst().orElseThrow();
        assertEquals("[\"member\"]", member.get("roles").toString(), member.toString());
        JsonNode invite = ssoApi.get("/orgs/" + ssoOrg + "/invitations").body().get(0);
        assertEquals("PENDING", invite.get("state").asText(), invite.toString());
    }

    @Test
    void a_link_keycloak_sent_through_its_own_api_to_an_address_gatehouse_invited_is_no_admin_invitation() {
        String email = "both@" + domain;
        TestUsers.create(realm.admin(), email, email, true, PASSWORD);
        String userId = userIdOf(email);
        invite(email);
        String gatehouses = keycloakInvitations().get(0).getId();
        // Keycloak holds one invitation per address and org: its own comes after Gatehouse's is deleted there.
        try (Response deleted = realm.admin().organizations().get(orgId).invitations().delete(gatehouses)) {
            assertEquals(204, deleted.getStatus());
        }
        try (Response sent = realm.admin().organizations().get(orgId).members().inviteExistingUser(userId)) {
            assertEquals(204, sent.getStatus());
        }
        assertTrue(smtp.waitForIncomingEmail(10_000, 2), "Keycloak sent its own invitation");
        MimeMessage keycloaksOwn = mailsTo(email).get(1);

        BrowserlessUser invitee = new BrowserlessUser(STOP);
        Page confirm = invitee.open(link(keycloaksOwn));
        Matcher proceed = CONFIRM_LINK.matcher(confirm.body());
        assertTrue(proceed.find(), "Keycloak asks the invitee to confirm: " + confirm.body());
        invitee.open(unescape(proceed.group(1)));

        assertEquals(List.of("member"), rolesOf(userId), "joined through Keycloak's own invitation, not Gatehouse's");
        JsonNode invite = invitation(email);
        assertEquals(gatehouses, invite.get("id").asText(), invite.toString());
        assertEquals("REVOKED", invite.get("state").asText(), invite.toString());
    }

    @Test
    void an_invitation_revoked_through_the_api_is_gone_from_both_lists_and_its_link_promotes_nobody() {
        String email = "revoked@" + domain;
        invite(email);
        String id = invitation(email).get("id").asText();
        MimeMessage mail = mailTo(email);

        ApiResponse revoked = api.delete("/orgs/" + orgId + "/invitations/" + id);

        assertEquals(204, revoked.status(), revoked.toString());
        assertTrue(findInvitation(email).isEmpty(), "gone from Gatehouse's list");
        assertTrue(keycloakInvitations().stream().noneMatch(i -> i.getId().equals(id)), "gone from Keycloak's list");
        Page refused = register(mail, email);
        assertTrue(realm.admin().users().search(email, true).isEmpty(), "Keycloak refused the dead link: " + refused.body());
        assertEquals(List.of(), admins());
        assertTrue(api.get("/orgs/" + orgId + "/activity").rawBody().contains("org.invitation_revoked"));
    }

    @Test
    void an_invitation_deleted_through_keycloaks_own_api_shows_revoked_and_its_link_promotes_nobody() {
        String email = "deleted@" + domain;
        invite(email);
        OrganizationInvitationRepresentation inKeycloak = keycloakInvitations().stream()
                .filter(i -> i.getEmail().equalsIgnoreCase(email)).findFirst().orElseThrow();

        try (Response deleted = realm.admin().organizations().get(orgId).invitations().delete(inKeycloak.getId())) {
            assertEquals(204, deleted.getStatus());
        }

        JsonNode invite = invitation(email);
        assertEquals(inKeycloak.getId(), invite.get("id").asText(), invite.toString());
        assertEquals("REVOKED", invite.get("state").asText(), invite.toString());
        Page refused = register(mailTo(email), email);
        assertTrue(realm.admin().users().search(email, true).isEmpty(), "Keycloak refused the dead link: " + refused.body());
        assertEquals(List.of(), admins());
        assertEquals("REVOKED", invitation(email).get("state").asText());

        assertEquals(204, api.delete("/orgs/" + orgId + "/invitations/" + inKeycloak.getId()).status(), "a revoked entry can be cleared");
        assertTrue(findInvitation(email).isEmpty());
    }

    @Test
    void an_expired_invitation_shows_expired_and_promotes_nobody_who_joins_later() {
        String email = "late@" + domain;
        invite(email);
        MimeMessage mail = mailTo(email);

        timeOffSet.set(THIRTEEN_HOURS);

        assertEquals("EXPIRED", invitation(email).get("state").asText());
        Page refused = register(mail, email);
        assertTrue(realm.admin().users().search(email, true).isEmpty(), "Keycloak refused the expired link: " + refused.body());
        String userId = createUser(email);
        try (Response added = realm.admin().organizations().get(orgId).members().addMember(userId)) {
            assertEquals(201, added.getStatus());
        }
        assertEquals(List.of("member"), rolesOf(userId));
        JsonNode invite = invitation(email);
        assertEquals("EXPIRED", invite.get("state").asText(), invite.toString());
        assertFalse(invite.get("becameAdmin").asBoolean(), invite.toString());
    }

    @Test
    void an_invitation_gatehouse_did_not_send_to_this_org_can_be_neither_revoked_nor_replaced_here() {
        ApiResponse unknown = api.delete("/orgs/" + orgId + "/invitations/no-such-invitation");
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("invitation_not_found", unknown.error());
        assertFalse(unknown.message().isBlank());

        String otherOrg = api.createOrg("Other " + domain, "other-" + domain);
        assertEquals(201, api.post("/orgs/" + otherOrg + "/invitations", json(Map.of("email", "someone@other-" + domain))).status());
        String othersInvitation = api.get("/orgs/" + otherOrg + "/invitations").body().get(0).get("id").asText();
        ApiResponse foreign = api.delete("/orgs/" + orgId + "/invitations/" + othersInvitation);
        assertEquals(404, foreign.status(), foreign.toString());
        assertEquals("invitation_not_found", foreign.error());
        assertEquals("PENDING", api.get("/orgs/" + otherOrg + "/invitations").body().get(0).get("state").asText());

        try (Response sent = realm.admin().organizations().get(orgId).members().inviteUser("direct@" + domain, "Direct", "Invite")) {
            assertEquals(204, sent.getStatus());
        }
        String keycloaksOwn = keycloakInvitations().get(0).getId();
        assertEquals(404, api.delete("/orgs/" + orgId + "/invitations/" + keycloaksOwn).status(), "not an admin invitation of Gatehouse's");
        ApiResponse pending = api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", "direct@" + domain)));
        assertEquals(409, pending.status(), pending.toString());
        assertEquals("invitation_pending", pending.error());
        assertEquals(List.of(keycloaksOwn), keycloakInvitations().stream().map(OrganizationInvitationRepresentation::getId).toList(),
                "Keycloak's own invitation is untouched");
        assertTrue(findInvitation("direct@" + domain).isEmpty());
    }

    @Test
    void the_promotion_is_a_keycloak_admin_event_with_the_inviting_admin_as_actor() throws Exception {
        String email = "audited@" + domain;
        invite(email);
        accept(mailTo(email), email);
        String userId = userIdOf(email);
        assertEquals(List.of("admin", "member"), rolesOf(userId));

        AccessToken inviter = TokenVerifier.create(admin.tokenManager().getAccessTokenString(), AccessToken.class).getToken();
        String inviterRealmId = admin.realm("master").toRepresentation().getId();
        String inviterClientId = admin.realm("master").clients().findByClientId(inviter.getIssuedFor()).get(0).getId();
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents(List.of("CREATE"), null, null, null, null, null,
                List.of("ORGANIZATION_GROUP_MEMBERSHIP"), null, null, 0, 100);
        AdminEventRepresentation promotion = events.stream()
                .filter(e -> e.getRepresentation() != null && e.getRepresentation().contains(userId))
                .findFirst().orElseThrow(() -> new AssertionError("no admin event for the promotion among " + events.size()));

        assertEquals(inviterRealmId, promotion.getAuthDetails().getRealmId());
        assertEquals(inviter.getSubject(), promotion.getAuthDetails().getUserId());
        assertEquals(inviterClientId, promotion.getAuthDetails().getClientId());
        JsonNode representation = JSON.readTree(promotion.getRepresentation());
        assertEquals(orgId, representation.get("organizationId").asText(), representation.toString());
        assertEquals(userId, representation.get("userId").asText());
        assertEquals(email, representation.get("username").asText());
        assertEquals("admin", representation.get("role").asText());
        assertEquals(invitation(email).get("id").asText(), representation.get("invitationId").asText());
        assertTrue(promotion.getResourcePath().startsWith("organizations/" + orgId + "/groups/"), promotion.getResourcePath());

        JsonNode activity = api.get("/orgs/" + orgId + "/activity").body();
        JsonNode promoted = StreamSupport.stream(activity.spliterator(), false)
                .filter(a -> "org.admin_promoted".equals(a.get("kind").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no org.admin_promoted in " + activity));
        assertEquals("master/" + admin.realm("master").users().get(inviter.getSubject()).toRepresentation().getUsername(), promoted.get("actor").asText(),
                "the inviter, named with their realm");
        assertEquals(email, promoted.get("subject").asText());
    }

    @Test
    void inviting_an_address_again_kills_the_earlier_link_and_the_new_one_works() {
        String email = "twice@" + domain;
        invite(email);
        String firstId = invitation(email).get("id").asText();
        invite(email);
        assertTrue(smtp.waitForIncomingEmail(10_000, 2), "Keycloak sent a second email");
        List<MimeMessage> mails = mailsTo(email);
        assertEquals(2, mails.size());

        JsonNode invite = invitation(email);
        assertFalse(firstId.equals(invite.get("id").asText()), "the entry is bound to the new invitation");
        assertTrue(keycloakInvitations().stream().noneMatch(i -> i.getId().equals(firstId)), "Keycloak's first invitation is gone");
        Page refused = register(mails.get(0), email);
        assertTrue(realm.admin().users().search(email, true).isEmpty(), "the first link is dead: " + refused.body());
        accept(mails.get(1), email);
        assertEquals(List.of("admin", "member"), rolesOf(userIdOf(email)));
    }

    private void invite(String email) {
        int before = smtp.getReceivedMessages().length;
        ApiResponse invited = api.post("/orgs/" + orgId + "/invitations", json(Map.of("email", email)));
        assertEquals(201, invited.status(), invited.toString());
        assertTrue(smtp.waitForIncomingEmail(10_000, before + 1), "Keycloak sent the invitation email");
    }

    private JsonNode invitation(String email) {
        return findInvitation(email).orElseThrow(() -> new AssertionError("no invitation of " + email + " listed"));
    }

    private Optional<JsonNode> findInvitation(String email) {
        JsonNode invites = api.get("/orgs/" + orgId + "/invitations").body();
        return StreamSupport.stream(invites.spliterator(), false).filter(i -> email.equals(i.get("email").asText())).findFirst();
    }

    private List<OrganizationInvitationRepresentation> keycloakInvitations() {
        return realm.admin().organizations().get(orgId).invitations().list();
    }

    private String createUser(String email) {
        TestUsers.create(realm.admin(), email, email, false, PASSWORD);
        return userIdOf(email);
    }

    private String userIdOf(String email) {
        return realm.admin().users().search(email, true).get(0).getId();
    }

    /** The member's org roles, as the management API lists them. */
    private List<String> rolesOf(String userId) {
        JsonNode members = api.get("/orgs/" + orgId + "/members").body();
        JsonNode member = StreamSupport.stream(members.spliterator(), false).filter(m -> userId.equals(m.get("id").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(userId + " is not a member: " + members));
        return StreamSupport.stream(member.get("roles").spliterator(), false).map(JsonNode::asText).toList();
    }

    private List<String> admins() {
        JsonNode members = api.get("/orgs/" + orgId + "/members").body();
        return StreamSupport.stream(members.spliterator(), false)
                .filter(m -> StreamSupport.stream(m.get("roles").spliterator(), false).anyMatch(r -> "admin".equals(r.asText())))
                .map(m -> m.get("username").asText()).toList();
    }

    private MimeMessage mailTo(String email) {
        return mailsTo(email).stream().findFirst().orElseThrow(() -> new AssertionError("no invitation email to " + email));
    }

    private List<MimeMessage> mailsTo(String email) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equals(email);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    private static String link(MimeMessage mail) {
        String body = GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
        Matcher link = LINK.matcher(body);
        assertTrue(link.find(), "a link in the email: " + body);
        return unescape(link.group(1));
    }

    private static String unescape(String href) {
        return href.replace("&amp;", "&");
    }

    /** Follows the email's link and registers, as the invited person would, and asserts that it went through. */
    private void accept(MimeMessage mail, String email) {
        Page registered = register(mail, email);
        assertFalse(registered.body().contains("kc-register-form"), "registration went through: " + registered.body());
        assertFalse(realm.admin().users().search(email, true).isEmpty(), "the invited person has an account");
    }

    /** Follows the email's link and fills the registration form if Keycloak shows one. */
    private Page register(MimeMessage mail, String email) {
        BrowserlessUser invitee = new BrowserlessUser(STOP);
        Page registration = invitee.open(link(mail));
        if (!registration.body().contains("kc-register-form")) {
            return registration;
        }
        return invitee.submit(registration, Map.of("username", email, "firstName", "Invited", "lastName", "Admin",
                "password", PASSWORD, "password-confirm", PASSWORD));
    }

    private List<String> roleMembers(String role) throws IOException {
        ApiResponse directory = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "check-" + role)));
        String filter = GatehouseApi.query("displayName eq \"" + role + "\"");
        HttpResponse<String> groups = send(HttpRequest.newBuilder(URI.create(directory.body().get("baseUrl").asText() + "/Groups?filter=" + filter))
                .header("Authorization", "Bearer " + directory.body().get("token").asText()).GET());
        JsonNode members = JSON.readTree(groups.body()).at("/Resources/0/members");
        return StreamSupport.stream(members.spliterator(), false).map(m -> m.get("value").asText()).toList();
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
