package io.gatehouse.sso.discovery;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.List;

/** The two pages of "Sign in with SSO", in the realm's login theme. */
final class SsoDiscoveryPages {

    static final String NOT_FOUND = "gatehouseSsoNotFound";

    private SsoDiscoveryPages() {
    }

    /** Asks for a work email or organization name; {@code error} is a message key or null. */
    static Response askForIdentifier(KeycloakSession session, AuthenticationSessionModel authSession, String actionUrl,
                                     String state, String identifier, String error) {
        LoginFormsProvider form = forms(session, authSession)
                .setAttribute("ssoActionUrl", actionUrl)
                .setAttribute("ssoState", state)
                .setAttribute("ssoIdentifier", identifier == null ? "" : identifier);
        if (error != null) {
            form.setError(error);
        }
        return form.createForm("gatehouse-sso-discovery.ftl");
    }

    /** Lets the person pick among an organization's connections. */
    static Response chooseConnection(KeycloakSession session, AuthenticationSessionModel authSession, List<ConnectionChoice> choices) {
        return forms(session, authSession).setAttribute("ssoChoices", choices).createForm("gatehouse-sso-choose.ftl");
    }

    private static LoginFormsProvider forms(KeycloakSession session, AuthenticationSessionModel authSession) {
        return session.getProvider(LoginFormsProvider.class).setAuthenticationSession(authSession);
    }

    /** One button on the chooser page. A bean with getters only, as FreeMarker reads it. */
    public static final class ConnectionChoice {
        private final String displayName;
        private final String loginUrl;

        ConnectionChoice(String displayName, String loginUrl) {
            this.displayName = displayName;
            this.loginUrl = loginUrl;
        }

        public String getDisplayName() {
            return displayName;
        }

        public String getLoginUrl() {
            return loginUrl;
        }
    }
}
