package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * An organization admin invited at onboarding, by email: the Keycloak invitation that was sent
 * (only accepting that one can make them admin), who sent it (the actor of the promotion's admin
 * event), when they accept, and whether they were the first to accept, who becomes the org's admin.
 * Deleted with the organization (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_ADMIN_INVITE")
@IdClass(AdminInviteEntity.Key.class)
@NamedQuery(name = "ghAdminInvitesOfOrg", query = "select i from AdminInviteEntity i where i.orgId = :orgId order by i.invitedAt, i.email")
@NamedQuery(name = "ghAdminInviteByKeycloakInvitation", query = "select i from AdminInviteEntity i where i.orgId = :orgId and i.keycloakInvitationId = :invitationId")
@NamedQuery(name = "ghAdminInviteAdmins", query = "select count(i) from AdminInviteEntity i where i.orgId = :orgId and i.becameAdmin = true")
public class AdminInviteEntity {

    @Id
    @Column(name = "ORG_ID", length = 255)
    private String orgId;

    @Id
    @Column(name = "EMAIL", length = 255)
    private String email;

    @Column(name = "INVITED_AT", nullable = false)
    private long invitedAt;

    @Column(name = "ACCEPTED_AT")
    private Long acceptedAt;

    @Column(name = "BECAME_ADMIN", nullable = false)
    private boolean becameAdmin;

    /** Keycloak's OrganizationInvitationModel id; null for an entry whose invitation could not be told apart at upgrade. */
    @Column(name = "KC_INVITATION_ID", length = 36)
    private String keycloakInvitationId;

    @Column(name = "INVITER_REALM_ID", length = 255)
    private String inviterRealmId;

    @Column(name = "INVITER_REALM_NAME", length = 255)
    private String inviterRealmName;

    @Column(name = "INVITER_USER_ID", length = 255)
    private String inviterUserId;

    @Column(name = "INVITER_USERNAME", length = 255)
    private String inviterUsername;

    /** The internal id of the inviter's client, as Keycloak's admin events record it. */
    @Column(name = "INVITER_CLIENT_ID", length = 255)
    private String inviterClientId;

    public String getOrgId() { return orgId; }
    public void setOrgId(String orgId) { this.orgId = orgId; }
    public String getEmail() { return email; }
    public void setEmail(String email) { this.email = email; }
    public long getInvitedAt() { return invitedAt; }
    public void setInvitedAt(long invitedAt) { this.invitedAt = invitedAt; }
    public Long getAcceptedAt() { return acceptedAt; }
    public void setAcceptedAt(Long acceptedAt) { this.acceptedAt = acceptedAt; }
    public boolean isBecameAdmin() { return becameAdmin; }
    public void setBecameAdmin(boolean becameAdmin) { this.becameAdmin = becameAdmin; }
    public String getKeycloakInvitationId() { return keycloakInvitationId; }
    public void setKeycloakInvitationId(String keycloakInvitationId) { this.keycloakInvitationId = keycloakInvitationId; }
    public String getInviterRealmId() { return inviterRealmId; }
    public void setInviterRealmId(String inviterRealmId) { this.inviterRealmId = inviterRealmId; }
    public String getInviterRealmName() { return inviterRealmName; }
    public void setInviterRealmName(String inviterRealmName) { this.inviterRealmName = inviterRealmName; }
    public String getInviterUserId() { return inviterUserId; }
    public void setInviterUserId(String inviterUserId) { this.inviterUserId = inviterUserId; }
    public String getInviterUsername() { return inviterUsername; }
    public void setInviterUsername(String inviterUsername) { this.inviterUsername = inviterUsername; }
    public String getInviterClientId() { return inviterClientId; }
    public void setInviterClientId(String inviterClientId) { this.inviterClientId = inviterClientId; }

    public static class Key implements Serializable {
        private String orgId;
        private String email;

        public Key() {
        }

        public Key(String orgId, String email) {
            this.orgId = orgId;
            this.email = email;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(orgId, k.orgId) && Objects.equals(email, k.email);
        }

        @Override
        public int hashCode() {
            return Objects.hash(orgId, email);
        }
    }
}
