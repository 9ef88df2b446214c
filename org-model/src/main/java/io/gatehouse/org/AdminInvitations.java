package io.gatehouse.org;

import io.gatehouse.persistence.AdminInviteEntity;
import io.gatehouse.persistence.OrgSettingsEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Locale;

/**
 * The admins invited at onboarding. Keycloak sends the invitation; Gatehouse remembers who was
 * invited as an admin, and the first of them to accept becomes the organization's
 * {@value #ADMIN_ROLE}. Others join with the org's default role; an admin can promote them.
 */
public final class AdminInvitations {

    public static final String ADMIN_ROLE = "admin";
    private static final Logger LOG = Logger.getLogger(AdminInvitations.class);

    /** One invited admin, as admins see it. */
    public record AdminInvite(String email, long invitedAt, Long acceptedAt, boolean becameAdmin) {
    }

    private final KeycloakSession session;

    public AdminInvitations(KeycloakSession session) {
        this.session = session;
    }

    public void record(String orgId, String email) {
        session.getProvider(GatehouseOrganizations.class).ensureSettings(orgId);
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        if (em().find(AdminInviteEntity.class, new AdminInviteEntity.Key(orgId, normalized)) == null) {
            AdminInviteEntity invite = new AdminInviteEntity();
            invite.setOrgId(orgId);
            invite.setEmail(normalized);
            invite.setInvitedAt(Time.currentTimeMillis());
            em().persist(invite);
        }
    }

    public List<AdminInvite> list(String orgId) {
        return em().createNamedQuery("ghAdminInvitesOfOrg", AdminInviteEntity.class).setParameter("orgId", orgId)
                .getResultStream()
                .map(i -> new AdminInvite(i.getEmail(), i.getInvitedAt(), i.getAcceptedAt(), i.isBecameAdmin()))
                .toList();
    }

    /**
     * A user joined the organization. If they were invited as an admin, their acceptance is
     * recorded, and the first to accept becomes admin. The org's settings row is locked meanwhile, so
     * of two invitees accepting at once, one is first.
     */
    void joined(OrganizationModel org, UserModel user) {
        if (user.getEmail() == null) {
            return;
        }
        AdminInviteEntity invite = em().find(AdminInviteEntity.class, new AdminInviteEntity.Key(org.getId(), user.getEmail().toLowerCase(Locale.ROOT)));
        if (invite == null || invite.getAcceptedAt() != null) {
            return;
        }
        em().find(OrgSettingsEntity.class, org.getId(), LockModeType.PESSIMISTIC_WRITE);
        invite.setAcceptedAt(Time.currentTimeMillis());
        boolean first = em().createNamedQuery("ghAdminInviteAdmins", Long.class).setParameter("orgId", org.getId()).getSingleResult() == 0;
        if (first) {
            invite.setBecameAdmin(true);
            RoleGroups.grant(session, session.getProvider(OrganizationProvider.class), org, user, ADMIN_ROLE);
            LOG.infof("User '%s' accepted the first admin invitation of organization '%s' and became its admin", user.getUsername(), org.getAlias());
        }
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
