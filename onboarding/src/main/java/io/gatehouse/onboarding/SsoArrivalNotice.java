package io.gatehouse.onboarding;

import io.gatehouse.activity.Activity;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.KeycloakSessionTaskWithResult;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.representations.idm.MembershipType;
import org.keycloak.services.Urls;
import org.keycloak.urls.UrlType;

import java.util.List;
import java.util.Map;

/**
 * Tells an organization's members who sign in with a password of their own that the organization
 * signs in with SSO now, and gives each of them Keycloak's link to connect their account to the
 * connection ({@link SsoNoticeLink}). Members are read a page at a time, each page in a
 * transaction of its own, so a large organization is never held in memory at once; a member
 * whose mail fails is counted and the others are still mailed.
 */
public final class SsoArrivalNotice {

    private static final String ACTIVITY_KIND = "sso.notice_sent";
    static final int PAGE = 100;
    private static final Logger LOG = Logger.getLogger(SsoArrivalNotice.class);

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final String realmUrl;

    /** Takes the realm and its front-end address from the request, so the mails can go out after it. */
    public SsoArrivalNotice(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        this.factory = session.getKeycloakSessionFactory();
        this.realmId = realm.getId();
        this.realmUrl = Urls.realmBase(session.getContext().getUri(UrlType.FRONTEND).getBaseUri())
                .path(realm.getName()).build().toString();
    }

    /** What one sending did: whether the realm could send mail at all, how many members got it, how many failed. */
    public record Result(String connectionId, boolean smtp, int mailed, int failed) {

        /** The activity-log entry of this sending, by {@code actor}. */
        public Activity activity(String actor) {
            if (!smtp) {
                return Activity.of(ACTIVITY_KIND, Activity.Outcome.REFUSED, actor, connectionId,
                        "no_smtp: the realm has no SMTP server, so no member was told about SSO");
            }
            return Activity.of(ACTIVITY_KIND, Activity.Outcome.SUCCESS, actor, connectionId,
                    "mailed " + mailed + " member(s) who sign in with a password" + (failed == 0 ? "" : "; " + failed + " could not be mailed"));
        }
    }

    /** Mails every member the notice is for ({@link SsoNoticeRecipient}), with a link to {@code connectionId}. */
    public Result send(String orgId, String connectionId) {
        if (!inRealm(session -> hasSmtp(session.getContext().getRealm()))) {
            return new Result(connectionId, false, 0, 0);
        }
        Org org = inRealm(session -> session.getProvider(GatehouseOrganizations.class).find(orgId).orElse(null));
        if (org == null) {
            return new Result(connectionId, true, 0, 0);
        }
        SsoNoticePage total = SsoNoticePage.NONE;
        for (int first = 0; ; first += PAGE) {
            int from = first;
            SsoNoticePage page = inRealm(session -> mailPage(session, org, connectionId, from));
            total = total.plus(page);
            if (page.read() < PAGE) {
                return new Result(connectionId, true, total.mailed(), total.failed());
            }
        }
    }

    private static boolean hasSmtp(RealmModel realm) {
        return realm.getSmtpConfig() != null && !realm.getSmtpConfig().isEmpty();
    }

    /** One page of the organization's unmanaged members, by username. */
    private SsoNoticePage mailPage(KeycloakSession session, Org org, String connectionId, int first) {
        RealmModel realm = session.getContext().getRealm();
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel model = organizations.getById(org.id());
        if (model == null) {
            return SsoNoticePage.NONE;
        }
        List<UserModel> members = organizations.getMembersStream(model, Map.of(MembershipType.NAME, MembershipType.UNMANAGED.name()),
                false, first, PAGE).toList();
        SsoNoticeEmail email = new SsoNoticeEmail(session, realm);
        return SsoNoticePage.mail(members, member -> SsoNoticeRecipient.of(realm, member).isMailed(),
                member -> email.send(member, new SsoNoticeEmail.Content(org.name(),
                        SsoNoticeLink.of(realmUrl, connectionId, member.getEmail()), org.policies().ssoRequired())),
                (member, e) -> LOG.warnf("Could not send the SSO notice of organization '%s' to user '%s': %s",
                        org.id(), member.getUsername(), e.getMessage()));
    }

    private <V> V inRealm(KeycloakSessionTaskWithResult<V> task) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            session.getContext().setRealm(session.realms().getRealm(realmId));
            return task.run(session);
        });
    }
}
