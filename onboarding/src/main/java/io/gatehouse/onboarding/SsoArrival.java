package io.gatehouse.onboarding;

import io.gatehouse.activity.ActivityLog;
import io.gatehouse.sso.ConnectionActivated;
import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.concurrent.ExecutorService;

/**
 * SSO arrives when an organization's first connection becomes active: its first passing test (a
 * new connection is a draft that signs no one in) while no other connection of the organization
 * signs people in ({@link ConnectionActivated#ssoArrived}). Its members are then told
 * ({@link SsoArrivalNotice}) once the activation has committed, on one of Keycloak's executors and in
 * transactions of their own: mail is never sent for an activation that was rolled back, nothing the
 * mailing does can undo or fail it, and a large organization does not hold up its answer. A node
 * that stops midway leaves the rest unmailed and unrecorded; the overview page's button sends it
 * again. Each automatic sending, sent or not (a realm without SMTP), goes to the organization's
 * activity log. A connection restarted after an admin stopped it, or a second one, tells no one again.
 */
public final class SsoArrival {

    private static final Logger LOG = Logger.getLogger(SsoArrival.class);
    private static final String EXECUTOR = "gatehouse-sso-notice";

    private final KeycloakSession session;
    private final String orgId;

    private SsoArrival(KeycloakSession session, String orgId) {
        this.session = session;
        this.orgId = orgId;
    }

    /** Listens for activations, for the life of the server: registered once, by the setup portal's factory. */
    public static void listen(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof ConnectionActivated activated && activated.ssoArrived()) {
                new SsoArrival(activated.getKeycloakSession(), activated.connection().getOrganizationId())
                        .tell(activated.connection().getAlias(), activated.actor());
            }
        });
    }

    /** After the activation commits, by {@code actor} as the activity log names them: tells the members. */
    private void tell(String connectionId, String actor) {
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
                    // The activation is committed; a failure here must not turn it into an error.
                    LOG.warnf("Could not start telling the members of organization '%s' about its connection '%s': %s", orgId, connectionId, e.toString());
                }
            }

            @Override
            protected void rollbackImpl() {
                // The connection was not activated: nobody is told.
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
