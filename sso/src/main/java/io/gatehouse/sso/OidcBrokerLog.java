package io.gatehouse.sso;

import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.KeycloakSessionUtil;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Why Keycloak's OIDC broker refused an IdP's answer. Keycloak names the reason (a wrong
 * audience, an expired token, the token endpoint refusing the client secret) only in the error it
 * logs, right before it sends its login error event, which carries no reason. Keycloak hands
 * error events to listeners in a session of their own, on the request's thread, so this handler
 * on the broker's logger keeps the line for that thread, with the request's session: the
 * listener takes it ({@link #take}) while that session is open, and a line left by a request
 * that sent no such event is never read by a later one. Nothing is shared between requests or
 * nodes.
 */
final class OidcBrokerLog extends Handler {

    private static final Logger BROKER = Logger.getLogger(AbstractOAuth2IdentityProvider.class.getName());
    private static final ThreadLocal<Logged> LAST = new ThreadLocal<>();

    /** A logged line and the session of the request that logged it. */
    private record Logged(String text, WeakReference<KeycloakSession> request) {

        boolean fromOpenRequest() {
            KeycloakSession session = request.get();
            return session != null && !session.isClosed();
        }
    }

    private OidcBrokerLog() {
    }

    static void install() {
        if (Arrays.stream(BROKER.getHandlers()).noneMatch(h -> h.getClass().getName().equals(OidcBrokerLog.class.getName()))) {
            BROKER.addHandler(new OidcBrokerLog());
        }
    }

    /** The error the OIDC broker logged last in the current request, once; null if it logged none. */
    static String take() {
        Logged logged = LAST.get();
        LAST.remove();
        return logged != null && logged.fromOpenRequest() ? logged.text() : null;
    }

    @Override
    public void publish(LogRecord record) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session != null && record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            boolean explained = record.getThrown() != null && record.getThrown().getMessage() != null;
            String text = explained ? record.getThrown().getMessage() : message(record);
            // Only as much as BrokerErrors reads: the IdP writes parts of the line.
            String kept = text != null && text.length() > BrokerErrors.MAX_LOGGED ? text.substring(0, BrokerErrors.MAX_LOGGED) : text;
            LAST.set(new Logged(kept, new WeakReference<>(session)));
        }
    }

    /** Keycloak logs with printf-style patterns ({@code errorf}). */
    private static String message(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0) {
            return record.getMessage();
        }
        try {
            return String.format(record.getMessage(), parameters);
        } catch (IllegalFormatException e) {
            return record.getMessage();
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
