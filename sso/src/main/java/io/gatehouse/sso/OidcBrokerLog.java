package io.gatehouse.sso;

import org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider;

import java.util.Arrays;
import java.util.IllegalFormatException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Why Keycloak's OIDC broker refused an IdP's answer. Keycloak names the reason (a wrong
 * audience, an expired token, the token endpoint refusing the client secret) only in the error it
 * logs, right before it sends its login error event, which carries no reason. This handler on the
 * broker's logger keeps that line for the request's thread, where the event listener that reports
 * a "Test connection" result takes it ({@link #take}).
 */
final class OidcBrokerLog extends Handler {

    private static final Logger BROKER = Logger.getLogger(AbstractOAuth2IdentityProvider.class.getName());
    private static final ThreadLocal<String> LAST = new ThreadLocal<>();

    private OidcBrokerLog() {
    }

    static void install() {
        if (Arrays.stream(BROKER.getHandlers()).noneMatch(h -> h.getClass().getName().equals(OidcBrokerLog.class.getName()))) {
            BROKER.addHandler(new OidcBrokerLog());
        }
    }

    /** The error the broker logged last in this thread, once; null if it logged none. */
    static String take() {
        String last = LAST.get();
        LAST.remove();
        return last;
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
            LAST.set(record.getThrown() != null && record.getThrown().getMessage() != null ? record.getThrown().getMessage() : message(record));
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
