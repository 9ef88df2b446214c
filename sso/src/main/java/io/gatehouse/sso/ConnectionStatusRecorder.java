package io.gatehouse.sso;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.persistence.ConnectionStatusEntity;
import io.gatehouse.persistence.ConnectionStatuses;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * Keeps each connection's last successful login and last error, from Keycloak's own login
 * events, so an admin (or the customer's IT admin) can see whether a connection works; and puts
 * every SSO login and refusal, with its reason, in the organization's activity log. When Keycloak's
 * broker refuses an IdP's answer while a "Test connection" of that connection is pending, the test
 * gets the reason ({@link BrokerErrors}). Of the refused answers, which anyone can post, only a
 * login's first is recorded; the rest are counted ({@link OneRefusalPerLogin}).
 */
public final class ConnectionStatusRecorder extends GlobalEventListenerFactory {

    private static final int MAX_ERROR = 255;
    /** A busy connection's "last login" needs no more precision than this; it saves a write per login. */
    private static final long LOGIN_PRECISION_MILLIS = 60_000;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                String alias = detail(event, Details.IDENTITY_PROVIDER);
                boolean success = event.getType() == EventType.LOGIN;
                boolean failure = event.getType().name().endsWith("_ERROR");
                boolean brokerFailure = failure && event.getType().name().startsWith("IDENTITY_PROVIDER_")
                        && !LoginRefusal.EVENT_ERROR.equals(event.getError());
                if (brokerFailure) {
                    onBrokerFailure(session, event, alias);
                } else if (alias != null && (success || failure)) {
                    String reason = detail(event, Details.REASON);
                    record(session, session.identityProviders().getByAlias(alias), event, success,
                            event.getError() + (reason == null ? "" : ": " + reason));
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Keycloak's broker refused the IdP's answer. Its event names neither the connection (taken
     * from the endpoint the answer came to) nor, mostly, the cause ({@link BrokerErrors}). Anyone
     * can post to a broker endpoint, so only the first refusal within a login ({@link BrokerLogin},
     * {@link OneRefusalPerLogin}) goes to the connection's last error, the activity log and a
     * pending test; later ones of that login are counted on the connection. An answer that belongs
     * to no login is neither recorded nor counted: counting it would give anyone on the internet a
     * database write per request.
     */
    private static void onBrokerFailure(KeycloakSession session, Event event, String alias) {
        String logged = OidcBrokerLog.take();
        Optional<AuthenticationSessionModel> login = BrokerLogin.of(session);
        if (login.isEmpty()) {
            return;
        }
        IdentityProviderModel idp = alias != null ? session.identityProviders().getByAlias(alias) : BrokerEndpoint.of(session).orElse(null);
        if (!OneRefusalPerLogin.first(session, login.get())) {
            if (idp != null && idp.getOrganizationId() != null) {
                new ConnectionStatuses(session).countDroppedAnswer(idp.getInternalId());
            }
            return;
        }
        String why = new BrokerErrors(session).explain(idp, event.getError(), detail(event, Details.REASON), logged);
        record(session, idp, event, false, why);
        new ConnectionTests(session).recordBrokerFailure(login.get(), why);
    }

    private static void record(KeycloakSession session, IdentityProviderModel idp, Event event, boolean success, String error) {
        if (idp == null || idp.getOrganizationId() == null) {
            return;
        }
        new ActivityLog(session).record(idp.getOrganizationId(), Activity.of(success ? "sso.login" : "sso.refused",
                success ? Activity.Outcome.SUCCESS : Activity.Outcome.REFUSED, "connection " + idp.getAlias(), who(event), success ? null : error));
        ConnectionStatuses statuses = new ConnectionStatuses(session);
        Optional<ConnectionStatusEntity> known = statuses.find(idp.getInternalId());
        long now = Time.currentTimeMillis();
        if (success && known.map(ConnectionStatusEntity::getLastLoginAt).filter(at -> now - at < LOGIN_PRECISION_MILLIS).isPresent()) {
            return;
        }
        ConnectionStatusEntity status = known.orElseGet(() -> statuses.create(idp.getInternalId()));
        if (success) {
            status.setLastLoginAt(now);
        } else {
            status.setLastErrorAt(now);
            status.setLastError(error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
        }
    }

    private static String detail(Event event, String name) {
        return event.getDetails() == null ? null : event.getDetails().get(name);
    }

    private static String who(Event event) {
        String identity = detail(event, Details.IDENTITY_PROVIDER_USERNAME);
        String username = detail(event, Details.USERNAME);
        return identity != null ? identity : username != null ? username : event.getUserId();
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        OidcBrokerLog.install();
    }

    @Override
    public String getId() {
        return "gatehouse-connection-status";
    }
}
