package io.gatehouse.sso;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.events.ConnectionEvents;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.persistence.ConnectionStatusEntity;
import io.gatehouse.persistence.ConnectionStatuses;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;

import java.util.Optional;

/**
 * Reads and changes connections' lifecycle states ({@link ConnectionState}), kept on their status
 * rows. Every change of a state goes through {@link #change}, which records it in the
 * organization's activity log: a new connection starting as a draft, the first passing test
 * activating it, and an admin starting or stopping it.
 */
public final class ConnectionStates {

    private static final Logger LOG = Logger.getLogger(ConnectionStates.class);
    static final String TESTED_BY = "Test connection";

    /** @param lastPassedTestAt epoch milliseconds of the last passing test login, or null */
    public record Lifecycle(ConnectionState state, Long lastPassedTestAt) {
    }

    private final KeycloakSession session;

    public ConnectionStates(KeycloakSession session) {
        this.session = session;
    }

    /** A connection with no status row, or a row from before states, is active; one whose state cannot be read signs no one in. */
    public Lifecycle of(IdentityProviderModel idp) {
        try {
            return new ConnectionStatuses(session).find(idp.getInternalId())
                    .map(status -> new Lifecycle(ConnectionState.stored(status.getState()), status.getLastPassedTestAt()))
                    .orElse(new Lifecycle(ConnectionState.ACTIVE, null));
        } catch (RuntimeException e) {
            LOG.warnf("Could not read the state of connection '%s'; treating it as inactive: %s", idp.getAlias(), e.getMessage());
            return new Lifecycle(ConnectionState.INACTIVE, null);
        }
    }

    /** A connection Gatehouse creates (API, setup portal) starts as a draft. */
    void startAsDraft(IdentityProviderModel created, String actor) {
        ConnectionStatuses statuses = new ConnectionStatuses(session);
        change(session, created, statuses.find(created.getInternalId()).orElseGet(() -> statuses.create(created.getInternalId())),
                null, ConnectionState.DRAFT, actor);
    }

    /**
     * A test login through the connection passed: the time is kept, and a draft becomes active. In a
     * transaction of its own, since Keycloak ends the test login with an error.
     */
    void testPassed(IdentityProviderModel idp) {
        RealmModel realm = session.getContext().getRealm();
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            own.getContext().setRealm(realm);
            ConnectionStatuses statuses = new ConnectionStatuses(own);
            ConnectionStatusEntity status = statuses.find(idp.getInternalId()).orElseGet(() -> statuses.create(idp.getInternalId()));
            status.setLastPassedTestAt(Time.currentTimeMillis());
            ConnectionState before = ConnectionState.stored(status.getState());
            change(own, idp, status, before, before.afterPassedTest(), TESTED_BY);
        });
    }

    /**
     * An admin starts ({@code ACTIVE}) or stops ({@code INACTIVE}) a connection.
     *
     * @return whether the state changed (false when it already was {@code target})
     * @throws OrgRequestException a conflict when the connection's state does not allow it
     */
    boolean set(IdentityProviderModel idp, ConnectionState target, String actor) {
        ConnectionStatuses statuses = new ConnectionStatuses(session);
        Optional<ConnectionStatusEntity> known = statuses.find(idp.getInternalId());
        ConnectionState current = known.map(s -> ConnectionState.stored(s.getState())).orElse(ConnectionState.ACTIVE);
        boolean tested = known.map(ConnectionStatusEntity::getLastPassedTestAt).isPresent();
        current.refusalOf(target, tested).ifPresent(why -> {
            throw OrgRequestException.conflict(current == ConnectionState.DRAFT && target == ConnectionState.ACTIVE
                    ? "connection_never_tested" : "connection_is_draft", why);
        });
        if (current == target) {
            return false;
        }
        change(session, idp, known.orElseGet(() -> statuses.create(idp.getInternalId())), current, target, actor);
        return true;
    }

    /**
     * The one place a connection's state changes.
     *
     * @param before the state it had, or null for a connection just created
     */
    private static void change(KeycloakSession session, IdentityProviderModel idp, ConnectionStatusEntity status,
                               ConnectionState before, ConnectionState target, String actor) {
        if (before == target) {
            return;
        }
        status.setState(target.name());
        LOG.infof("Connection '%s' of organization '%s' is now %s (%s)", idp.getAlias(), idp.getOrganizationId(), target.code(), actor);
        if (idp.getOrganizationId() != null) {
            new ActivityLog(session).record(idp.getOrganizationId(), Activity.of("connection." + verb(target), Activity.Outcome.SUCCESS,
                    actor, "connection " + idp.getAlias(), before == null ? null : before.code() + " → " + target.code()));
        }
        if (target != ConnectionState.DRAFT) {
            ConnectionEvents.lifecycleChanged(session, session.getContext().getRealm(), idp, target.code(), target.signsIn());
        }
        if (target == ConnectionState.ACTIVE && idp.getOrganizationId() != null) {
            session.getKeycloakSessionFactory().publish(new ConnectionActivated(session, idp, before == ConnectionState.DRAFT,
                    noOtherSignsIn(session, idp), actor));
        }
    }

    /** Whether {@code idp} is the only connection of its organization that signs people in. */
    private static boolean noOtherSignsIn(KeycloakSession session, IdentityProviderModel idp) {
        OrganizationModel org = session.getProvider(OrganizationProvider.class).getById(idp.getOrganizationId());
        ConnectionStates states = new ConnectionStates(session);
        return org == null || org.getIdentityProviders()
                .filter(other -> !other.getAlias().equals(idp.getAlias()))
                .noneMatch(other -> other.isEnabled() && states.of(other).state().signsIn());
    }

    private static String verb(ConnectionState target) {
        return switch (target) {
            case DRAFT -> "drafted";
            case ACTIVE -> "activated";
            case INACTIVE -> "deactivated";
        };
    }
}
