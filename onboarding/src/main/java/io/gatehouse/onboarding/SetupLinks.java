package io.gatehouse.onboarding;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.onboarding.persistence.SetupLinkEntity;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.secrets.Secrets;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.Urls;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One-time setup links for a customer's IT admin. A link expires (24 hours unless the admin says
 * otherwise) and works once: opening it exchanges it for a short portal session bound to its
 * organization and intents. Links and sessions are kept only as SHA-256 hashes.
 */
public final class SetupLinks {

    public static final String PORTAL_PATH = "gatehouse-setup";
    static final Duration DEFAULT_TTL = Duration.ofHours(24);
    static final Duration MIN_TTL = Duration.ofMinutes(5);
    static final Duration MAX_TTL = Duration.ofDays(30);
    public static final Duration PORTAL_SESSION = Duration.ofHours(1);
    private static final String LINK_PREFIX = "ghsetup_";
    private static final String SESSION_PREFIX = "ghportal_";
    private static final Logger LOG = Logger.getLogger(SetupLinks.class);

    private final KeycloakSession session;

    public SetupLinks(KeycloakSession session) {
        this.session = session;
    }

    public SetupLink.Created create(String orgId, Set<SetupIntent> intents, Long ttlSeconds) {
        organizations().get(orgId);
        Duration ttl = ttl(ttlSeconds);
        String secret = Secrets.mint(LINK_PREFIX);
        long now = Time.currentTimeMillis();
        SetupLinkEntity link = new SetupLinkEntity();
        link.setId(KeycloakModelUtils.generateId());
        link.setRealmId(realm().getId());
        link.setOrgId(orgId);
        link.setTokenHash(Secrets.hash(secret));
        link.setIntents(SetupIntent.join(intents));
        link.setCreatedAt(now);
        link.setExpiresAt(now + ttl.toMillis());
        em().persist(link);
        LOG.infof("Created setup link '%s' for organization '%s' (%s)", link.getId(), orgId, link.getIntents());
        return new SetupLink.Created(link.getId(), portalUrl(secret), intents, link.getExpiresAt());
    }

    public List<SetupLink> list(String orgId) {
        organizations().get(orgId);
        return em().createNamedQuery("ghSetupLinksOfOrg", SetupLinkEntity.class).setParameter("orgId", orgId)
                .getResultStream().map(SetupLinks::view).toList();
    }

    public void revoke(String orgId, String linkId) {
        organizations().get(orgId);
        SetupLinkEntity link = em().find(SetupLinkEntity.class, linkId);
        if (link == null || !link.getOrgId().equals(orgId)) {
            throw OrgRequestException.notFound("setup_link_not_found", "This organization has no setup link '" + linkId + "'.");
        }
        em().remove(link);
    }

    /** Whether this link could be opened now (it exists, is unused and has not expired). Changes nothing. */
    public boolean isOpenable(String linkSecret) {
        return live(linkSecret).isPresent();
    }

    /**
     * Exchanges a link for a portal session, once: of two requests racing with one link, one wins.
     * @return the portal session's secret, or empty if the link is unknown, used, revoked or expired
     */
    public Optional<String> open(String linkSecret) {
        Optional<SetupLinkEntity> link = live(linkSecret);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        long now = Time.currentTimeMillis();
        String sessionSecret = Secrets.mint(SESSION_PREFIX);
        int won = em().createQuery("update SetupLinkEntity l set l.usedAt = :now, l.sessionHash = :session, l.sessionExpiresAt = :until"
                        + " where l.id = :id and l.usedAt is null")
                .setParameter("now", now)
                .setParameter("session", Secrets.hash(sessionSecret))
                .setParameter("until", now + PORTAL_SESSION.toMillis())
                .setParameter("id", link.get().getId())
                .executeUpdate();
        if (won != 1) {
            return Optional.empty();
        }
        new ActivityLog(session).record(link.get().getOrgId(),
                Activity.of("setup_link.used", Activity.Outcome.SUCCESS, "setup link " + link.get().getId(), link.get().getIntents(), null));
        return Optional.of(sessionSecret);
    }

    /**
     * Counts one creation of this kind against the link, unless the link has made {@link PortalLimit#PER_LINK}
     * already: one conditional update of the link's row, so two requests at once, on any nodes, cannot
     * both take the last one. Part of the caller's transaction: a creation that fails takes its count back.
     * @return whether the creation may go ahead
     */
    public boolean countCreation(String linkId, PortalLimit limit) {
        return em().createQuery("update SetupLinkEntity l set l." + limit.counter + " = l." + limit.counter + " + 1"
                        + " where l.id = :id and l." + limit.counter + " < :most")
                .setParameter("id", linkId)
                .setParameter("most", PortalLimit.PER_LINK)
                .executeUpdate() == 1;
    }

    /** The portal session of this secret, while it lasts. */
    public Optional<PortalSession> session(String sessionSecret) {
        if (sessionSecret == null || !sessionSecret.startsWith(SESSION_PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(sessionSecret);
        return em().createNamedQuery("ghSetupLinkBySession", SetupLinkEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .filter(l -> Secrets.sameHash(l.getSessionHash(), hash) && l.getRealmId().equals(realm().getId()))
                .filter(l -> l.getSessionExpiresAt() != null && l.getSessionExpiresAt() > Time.currentTimeMillis())
                .map(l -> new PortalSession(l.getId(), l.getOrgId(), SetupIntent.split(l.getIntents()), l.getSessionExpiresAt()));
    }

    private Optional<SetupLinkEntity> live(String linkSecret) {
        if (linkSecret == null || !linkSecret.startsWith(LINK_PREFIX)) {
            return Optional.empty();
        }
        String hash = Secrets.hash(linkSecret);
        return em().createNamedQuery("ghSetupLinkByHash", SetupLinkEntity.class)
                .setParameter("hash", hash).getResultStream().findFirst()
                .filter(l -> Secrets.sameHash(l.getTokenHash(), hash) && l.getRealmId().equals(realm().getId()))
                .filter(l -> l.getUsedAt() == null && l.getExpiresAt() > Time.currentTimeMillis());
    }

    private String portalUrl(String secret) {
        return Urls.realmBase(session.getContext().getUri().getBaseUri())
                .path(realm().getName()).path(PORTAL_PATH).path("open").path(secret).build().toString();
    }

    private static SetupLink view(SetupLinkEntity l) {
        SetupLink.State state = l.getUsedAt() != null ? SetupLink.State.USED
                : l.getExpiresAt() <= Time.currentTimeMillis() ? SetupLink.State.EXPIRED : SetupLink.State.ACTIVE;
        return new SetupLink(l.getId(), l.getOrgId(), SetupIntent.split(l.getIntents()), l.getCreatedAt(), l.getExpiresAt(), l.getUsedAt(), state);
    }

    private static Duration ttl(Long ttlSeconds) {
        if (ttlSeconds == null) {
            return DEFAULT_TTL;
        }
        Duration ttl = Duration.ofSeconds(ttlSeconds);
        if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw OrgRequestException.invalid("invalid_ttl", "ttlSeconds must be between " + MIN_TTL.toSeconds() + " and " + MAX_TTL.toSeconds() + ".");
        }
        return ttl;
    }

    private GatehouseOrganizations organizations() {
        return session.getProvider(GatehouseOrganizations.class);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
