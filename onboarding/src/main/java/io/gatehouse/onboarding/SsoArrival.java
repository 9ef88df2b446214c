package io.gatehouse.onboarding;

import io.gatehouse.activity.ActivityLog;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.concurrent.ExecutorService;

/**
 * SSO arrives when an organization's first connection is created (a connection is usable once it
 * exists). Its members are then told ({@link SsoArrivalNotice}) once the creation has committed, on
 * one of Keycloak's executors and in transactions of their own: mail is never sent for a connection
 * that was rolled back, nothing the mailing does can undo or fail the creation, and a large
 * organization does not hold up its answer. A node that stops midway leaves the rest unmailed and
 * unrecorded; the overview page's button sends it again. Each automatic sending, sent or not (a
 * realm without SMTP), goes to the organization's activity log. Used where connections are created:
 * the management API and the setup portal.
 */
public final class SsoArrival {

    private static final Logger LOG = Logger.getLogger(SsoArrival.class);
    private static final String EXECUTOR = "gatehouse-sso-notice";

    private final KeycloakSession session;
    private final String orgId;
    private final boolean first;

    private SsoArrival(KeycloakSession session, String orgId, boolean first) {
        this.session = session;
        this.orgId = orgId;
        this.first = first;
    }

    /** Before a connection is created: notes whether the organization has none yet. */
    public static SsoArrival expect(KeycloakSession session, String orgId) {
        OrganizationModel org = orgId == null ? null : session.getProvider(OrganizationProvider.class).getById(orgId);
        return new SsoArrival(session, orgId, org != null && org.getIdentityProviders().findAny().isEmpty());
    }

    /** After the connection was created, by {@code actor} as the activity log names them: tells the members if it was the first. */
    public void connected(String connectionId, String actor) {
        if (!first) {
            return;
        }
        SsoArrivalNotice notice = new SsoArrivalNotice(session);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String realmId = session.getContext().getRealm().getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                try {
                    ExecutorService executor = KeycloakModelUtils.runJobInTransactionWithResult(factory,
                            own -> own.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
                    executor.execute(() -> tell(factory, realmId, notice, connectionId, actor));
                } catch (RuntimeException e) {
                    // The connection is committed; a failure here must not turn its creation into an error.
                    LOG.warnf("Could not start telling the members of organization '%s' about its connection '%s': %s", orgId, connectionId, e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                // The connection was not created: nobody is told.
            }
        });
    }

    /** Off the request's thread, so that a large organization does not hold up the connection's answer. */
    private void tell(KeycloakSessionFactory factory, String realmId, SsoArrivalNotice notice, String connectionId, String actor) {
        try {
            SsoArrivalNotice.Result result = notice.send(orgId, connectionId);
            KeycloakModelUtils.runJobInTransaction(factory, own -> {
                own.getContext().setRealm(own.realms().getRealm(realmId));
                // An organization deleted meanwhile has no log to write to.
                if (own.getProvider(OrganizationProvider.class).getById(orgId) != null) {
                    new ActivityLog(own).record(orgId, result.activity(actor));
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not tell the members of organization '%s' about its connection '%s': %s", orgId, connectionId, e.toString());
        }
    }
}
