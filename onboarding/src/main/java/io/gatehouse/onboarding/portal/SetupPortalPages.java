package io.gatehouse.onboarding.portal;

import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;

/** The setup portal's pages, in the realm's login theme. */
final class SetupPortalPages {

    private SetupPortalPages() {
    }

    static Response start(KeycloakSession session, String openUrl, String formToken) {
        return forms(session).setAttribute("setupOpenUrl", openUrl).setAttribute("setupOpenToken", formToken)
                .createForm("gatehouse-setup-start.ftl");
    }

    static Response portal(KeycloakSession session, PortalView view) {
        return forms(session).setAttribute("setup", view).createForm("gatehouse-setup-portal.ftl");
    }

    /** The portal again, saying the link has created all it may of that kind. */
    static Response limitReached(KeycloakSession session, PortalView view) {
        return forms(session).setStatus(Response.Status.CONFLICT).setAttribute("setup", view).createForm("gatehouse-setup-portal.ftl");
    }

    /** A used, revoked, expired or unknown link: all look the same. */
    static Response linkInvalid(KeycloakSession session) {
        return forms(session).setError("gatehouseSetupLinkInvalid").createErrorPage(Response.Status.GONE);
    }

    static Response testFinished(KeycloakSession session, String portalUrl) {
        return forms(session).setAttribute("pageRedirectUri", portalUrl).setInfo("gatehouseSetupTestFinished").createInfoPage();
    }

    static Response sessionOver(KeycloakSession session) {
        return forms(session).setError("gatehouseSetupSessionOver").createErrorPage(Response.Status.UNAUTHORIZED);
    }

    /** The database is out of reach: try again shortly. */
    static Response unavailable(KeycloakSession session) {
        return forms(session).setError("gatehouseSetupUnavailable").createErrorPage(Response.Status.SERVICE_UNAVAILABLE);
    }

    static Response forbidden(KeycloakSession session, String message) {
        return forms(session).setError(message).createErrorPage(Response.Status.FORBIDDEN);
    }

    private static LoginFormsProvider forms(KeycloakSession session) {
        return session.getProvider(LoginFormsProvider.class);
    }
}
