package io.gatehouse.org;

import org.junit.jupiter.api.Test;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.common.util.Time;
import org.keycloak.models.OrganizationInvitationModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The rule that only a request carrying the invitation's own token accepts it (the signature is Keycloak's to check). */
class AcceptedInvitationTest {

    private static final String ISSUER = "https://id.vendor.test/realms/demo";
    private static final String ORG = "org-1";
    private static final String USER = "user-1";
    private static final String EMAIL = "boss@acme.test";

    @Test
    void the_token_of_the_invitation_sent_to_this_user_accepts_it_whatever_the_case_of_the_email() {
        assertNull(AcceptedInvitation.refusal(token(EMAIL), invitation(ORG, EMAIL, in(3600)), ISSUER, ORG, USER, "Boss@ACME.test"));
        InviteOrgActionToken registration = token(EMAIL);
        registration.setSubject(null);
        assertNull(AcceptedInvitation.refusal(registration, invitation(ORG, EMAIL, in(3600)), ISSUER, ORG, USER, EMAIL),
                "a new user's registration token names no user yet");
    }

    @Test
    void no_token_or_another_kind_of_action_token_accepts_nothing() {
        assertEquals("the token is not signed by this realm", AcceptedInvitation.refusal(null, invitation(ORG, EMAIL, in(3600)), ISSUER, ORG, USER, EMAIL));
        InviteOrgActionToken resetCredentials = token(EMAIL);
        resetCredentials.type("reset-credentials");
        assertEquals("not an organization invitation token",
                AcceptedInvitation.refusal(resetCredentials, invitation(ORG, EMAIL, in(3600)), ISSUER, ORG, USER, EMAIL));
    }

    @Test
    void an_expired_token_or_invitation_accepts_nothing() {
        InviteOrgActionToken expired = new InviteOrgActionToken(USER, Time.currentTime() - 1, EMAIL, "account");
        expired.setOrgId(ORG);
        expired.id("invitation-1");
        expired.issuer(ISSUER);
        assertEquals("the token expired", AcceptedInvitation.refusal(expired, invitation(ORG, EMAIL, in(3600)), ISSUER, ORG, USER, EMAIL));
        assertEquals("the invitation expired", AcceptedInvitation.refusal(token(EMAIL), invitation(ORG, EMAIL, in(-1)), ISSUER, ORG, USER, EMAIL));
    }

    @Test
    void a_token_for_another_realm_org_email_or_user_accepts_nothing() {
        OrganizationInvitationModel sent = invitation(ORG, EMAIL, in(3600));
        assertEquals("the token was issued by another realm", AcceptedInvitation.refusal(token(EMAIL), sent, "https://id.vendor.test/realms/other", ORG, USER, EMAIL));
        assertEquals("the token invites to another organization", AcceptedInvitation.refusal(token(EMAIL), sent, ISSUER, "org-2", USER, EMAIL));
        assertEquals("the token was sent to another email", AcceptedInvitation.refusal(token("other@acme.test"), sent, ISSUER, ORG, USER, EMAIL));
        assertEquals("the token was sent to another email", AcceptedInvitation.refusal(token(EMAIL), sent, ISSUER, ORG, USER, null));
        assertEquals("the token was sent to another user", AcceptedInvitation.refusal(token(EMAIL), sent, ISSUER, ORG, "user-2", EMAIL));
    }

    @Test
    void a_token_whose_invitation_keycloak_no_longer_has_for_this_org_accepts_nothing() {
        assertEquals("Keycloak no longer has the invitation", AcceptedInvitation.refusal(token(EMAIL), null, ISSUER, ORG, USER, EMAIL));
        assertEquals("Keycloak no longer has the invitation",
                AcceptedInvitation.refusal(token(EMAIL), invitation("org-2", EMAIL, in(3600)), ISSUER, ORG, USER, EMAIL));
        assertEquals("the invitation was sent to another email",
                AcceptedInvitation.refusal(token(EMAIL), invitation(ORG, "other@acme.test", in(3600)), ISSUER, ORG, USER, EMAIL));
    }

    private static InviteOrgActionToken token(String email) {
        InviteOrgActionToken token = new InviteOrgActionToken(USER, in(3600), email, "account");
        token.setOrgId(ORG);
        token.id("invitation-1");
        token.issuer(ISSUER);
        return token;
    }

    private static int in(int seconds) {
        return Time.currentTime() + seconds;
    }

    private static OrganizationInvitationModel invitation(String orgId, String email, int expiresAt) {
        return new OrganizationInvitationModel() {
            @Override public String getId() { return "invitation-1"; }
            @Override public String getOrganizationId() { return orgId; }
            @Override public String getEmail() { return email; }
            @Override public void setEmail(String e) { }
            @Override public String getFirstName() { return null; }
            @Override public void setFirstName(String n) { }
            @Override public String getLastName() { return null; }
            @Override public void setLastName(String n) { }
            @Override public int getCreatedAt() { return Time.currentTime(); }
            @Override public int getExpiresAt() { return expiresAt; }
            @Override public void setExpiresAt(int at) { }
            @Override public String getInviteLink() { return null; }
            @Override public void setInviteLink(String link) { }
            @Override public InvitationStatus getStatus() { return isExpired() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING; }
        };
    }
}
