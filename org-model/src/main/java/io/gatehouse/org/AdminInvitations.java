package io.gatehouse.org;

import io.gatehouse.activity.Activity;
import io.gatehouse.persistence.AdminInviteEntity;
import io.gatehouse.persistence.OrgSettingsEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.InvitationManager;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The admins invited at onboarding. Keycloak sends the invitation; Gatehouse remembers which of
 * Keycloak's invitations went to an admin and who sent it. The first of them to accept that
 * invitation, through its link, becomes the organization's {@value #ADMIN_ROLE}; others join with
 * the org's default role, and an admin can promote them. Joining any other way with an invited
 * address (SCIM, an IdP login, an admin adding the member) is no acceptance.
 */
public final class AdminInvitations {

    public static final String ADMIN_ROLE = "admin";
    private static final Logger LOG = Logger.getLogger(AdminInvitations.class);

    /**
     * Whether {@code role} names the admin role, however it is spelt: it follows only from accepting an
     * admin invitation or from a grant by an admin who may manage the user's group membership, never
     * from a policy such as the default role.
     */
    public static boolean isAdminRole(String role) {
        return role != null && ADMIN_ROLE.equalsIgnoreCase(role.strip());
    }

    /** PENDING and EXPIRED follow Keycloak's invitation; REVOKED: Keycloak's invitation is gone and was not accepted. */
    public enum State { PENDING, EXPIRED, ACCEPTED, REVOKED }

    /** One invited admin, as admins see it: {@code id} is Keycloak's invitation id; times in epoch milliseconds. */
    public record AdminInvite(String id, String email, long invitedAt, String invitedBy, Long expiresAt, State state,
                              Long acceptedAt, boolean becameAdmin) {
    }

    /** The admin who sent an invitation, as Keycloak's admin events name an actor (the client by its internal id). */
    public record Inviter(String realmId, String realmName, String userId, String username, String clientId) {
    }

    private final KeycloakSession session;

    public AdminInvitations(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Before an address is invited (again): an accepted invitation stays as it is and is refused; a
     * pending one's Keycloak invitation is deleted, so that only the link about to be sent works.
     */
    public void prepareToInvite(String orgId, String email) {
        AdminInviteEntity invite = em().find(AdminInviteEntity.class, new AdminInviteEntity.Key(orgId, normalized(email)));
        if (invite == null) {
            return;
        }
        if (invite.getAcceptedAt() != null) {
            throw OrgRequestException.conflict("invitation_accepted", invite.getEmail()
                    + " already accepted an admin invitation of this organization; grant roles to members instead.");
        }
        String previous = invite.getKeycloakInvitationId();
        OrganizationInvitationModel sent = previous == null ? null : invitations().getById(previous);
        if (sent != null && orgId.equals(sent.getOrganizationId())) {
            invitations().remove(previous);
        }
    }

    /** Remembers that Keycloak's invitation {@code invitationId}, from {@code inviter}, went to this address as an admin invitation. */
    public void record(String orgId, String email, String invitationId, Inviter inviter) {
        session.getProvider(GatehouseOrganizations.class).ensureSettings(orgId);
        AdminInviteEntity invite = em().find(AdminInviteEntity.class, new AdminInviteEntity.Key(orgId, normalized(email)));
        if (invite == null) {
            invite = new AdminInviteEntity();
            invite.setOrgId(orgId);
            invite.setEmail(normalized(email));
            em().persist(invite);
        }
        invite.setInvitedAt(Time.currentTimeMillis());
        invite.setKeycloakInvitationId(invitationId);
        invite.setInviterRealmId(inviter.realmId());
        invite.setInviterRealmName(inviter.realmName());
        invite.setInviterUserId(inviter.userId());
        invite.setInviterUsername(inviter.username());
        invite.setInviterClientId(inviter.clientId());
    }

    public List<AdminInvite> list(String orgId) {
        return em().createNamedQuery("ghAdminInvitesOfOrg", AdminInviteEntity.class).setParameter("orgId", orgId)
                .getResultStream()
                .map(this::asSeen)
                .toList();
    }

    /** The admin invitation that Keycloak's invitation {@code invitationId} is, in this organization. */
    public Optional<AdminInvite> get(String orgId, String invitationId) {
        return entry(orgId, invitationId).map(this::asSeen);
    }

    /** Forgets an admin invitation that was not accepted; the caller deletes Keycloak's invitation, if it is still there. */
    public void forget(String orgId, String invitationId) {
        AdminInviteEntity invite = entry(orgId, invitationId).orElseThrow(() -> notFound(invitationId));
        if (invite.getAcceptedAt() != null) {
            throw OrgRequestException.conflict("invitation_accepted", invite.getEmail()
                    + " accepted this invitation; it cannot be revoked. Remove the member's role instead.");
        }
        em().remove(invite);
    }

    public static OrgRequestException notFound(String invitationId) {
        return OrgRequestException.notFound("invitation_not_found", "No admin invitation '" + invitationId + "' in this organization.");
    }

    /**
     * A user joined the organization. If this request accepts the Keycloak invitation of one of the
     * org's admin invitations, sent to this user's email, the acceptance is recorded, and the first
     * to accept becomes admin. The org's settings row is locked meanwhile, so of two invitees
     * accepting at once, one is first.
     */
    void joined(OrganizationModel org, UserModel user) {
        Optional<String> accepted = AcceptedInvitation.of(session, org, user);
        if (accepted.isEmpty()) {
            return;
        }
        AdminInviteEntity invite = entry(org.getId(), accepted.get()).orElse(null);
        if (invite == null || invite.getAcceptedAt() != null) {
            return;
        }
        if (!invite.getEmail().equalsIgnoreCase(user.getEmail())) {
            LOG.warnf("User '%s' accepted the admin invitation of organization '%s' sent to another email; not made admin",
                    user.getUsername(), org.getAlias());
            return;
        }
        em().find(OrgSettingsEntity.class, org.getId(), LockModeType.PESSIMISTIC_WRITE);
        em().refresh(invite);
        if (invite.getAcceptedAt() != null) {
            return;
        }
        invite.setAcceptedAt(Time.currentTimeMillis());
        boolean first = em().createNamedQuery("ghAdminInviteAdmins", Long.class).setParameter("orgId", org.getId()).getSingleResult() == 0;
        if (first) {
            invite.setBecameAdmin(true);
            RoleGroups.Grant grant = RoleGroups.grant(session, session.getProvider(OrganizationProvider.class), org, user, ADMIN_ROLE);
            AdminPromotionAudit.record(session, org, user, grant.group(), invite);
            LOG.infof("User '%s' accepted the first admin invitation of organization '%s' and became its admin", user.getUsername(), org.getAlias());
        }
    }

    private Optional<AdminInviteEntity> entry(String orgId, String invitationId) {
        if (invitationId == null) {
            return Optional.empty();
        }
        return em().createNamedQuery("ghAdminInviteByKeycloakInvitation", AdminInviteEntity.class)
                .setParameter("orgId", orgId).setParameter("invitationId", invitationId)
                .getResultStream().findFirst();
    }

    private AdminInvite asSeen(AdminInviteEntity invite) {
        OrganizationInvitationModel sent = invite.getKeycloakInvitationId() == null ? null : invitations().getById(invite.getKeycloakInvitationId());
        if (sent != null && !invite.getOrgId().equals(sent.getOrganizationId())) {
            sent = null;
        }
        State state = invite.getAcceptedAt() != null ? State.ACCEPTED
                : sent == null ? State.REVOKED
                : sent.isExpired() ? State.EXPIRED
                : State.PENDING;
        Long expiresAt = sent == null ? null : sent.getExpiresAt() * 1000L;
        return new AdminInvite(invite.getKeycloakInvitationId(), invite.getEmail(), invite.getInvitedAt(), Activity.admin(invite.getInviterRealmName(), invite.getInviterUsername()),
                expiresAt, state, invite.getAcceptedAt(), invite.isBecameAdmin());
    }

    private InvitationManager invitations() {
        return session.getProvider(OrganizationProvider.class).getInvitationManager();
    }

    private static String normalized(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
