package io.gatehouse.events;

import org.keycloak.models.KeycloakSession;

import java.util.function.Supplier;

/**
 * How a member joined an organization, for {@code membership.created}: {@code scim}, {@code sso},
 * {@code invitation}, {@code auto_join} or {@code admin}. Keycloak's join event does not say, so a door
 * that adds members itself (SCIM, auto-join) names itself for the duration of the request or the call.
 */
public final class JoinedBy {

    public static final String SCIM = "scim";
    public static final String SSO = "sso";
    public static final String INVITATION = "invitation";
    public static final String AUTO_JOIN = "auto_join";
    public static final String ADMIN = "admin";

    private static final String ATTRIBUTE = JoinedBy.class.getName();

    private JoinedBy() {
    }

    /** Every join in the rest of this session's request is by {@code way}. */
    public static void forRequest(KeycloakSession session, String way) {
        session.setAttribute(ATTRIBUTE, way);
    }

    /** A join made by {@code change} is by {@code way}. */
    public static <T> T during(KeycloakSession session, String way, Supplier<T> change) {
        Object previous = session.getAttribute(ATTRIBUTE);
        session.setAttribute(ATTRIBUTE, way);
        try {
            return change.get();
        } finally {
            if (previous == null) {
                session.removeAttribute(ATTRIBUTE);
            } else {
                session.setAttribute(ATTRIBUTE, previous);
            }
        }
    }

    /** The way a door named, else by invitation, else by SSO for a member Keycloak manages (an IdP's), else by an admin. */
    static String of(KeycloakSession session, boolean acceptedInvitation, boolean managed) {
        Object named = session.getAttribute(ATTRIBUTE);
        if (named instanceof String way) {
            return way;
        }
        return acceptedInvitation ? INVITATION : managed ? SSO : ADMIN;
    }
}
