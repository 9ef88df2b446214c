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
 * An organization admin invited at onboarding, by email: when they accept, and whether they were
 * the first to accept, who becomes the org's admin. Deleted with the organization (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_ADMIN_INVITE")
@IdClass(AdminInviteEntity.Key.class)
@NamedQuery(name = "ghAdminInvitesOfOrg", query = "select i from AdminInviteEntity i where i.orgId = :orgId order by i.invitedAt, i.email")
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
