package io.gatehouse.sso.policy;

import io.gatehouse.sso.RequiredStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class SsoRequiredAuthenticatorFactory extends RequiredStepFactory {

    public static final String ID = "gatehouse-sso-required";
    private static final SsoRequiredAuthenticator SINGLETON = new SsoRequiredAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse: SSO required for organization members";
    }

    @Override
    public String getHelpText() {
        return "Refuses local sign-in (password, reset) to members of an organization whose policy requires SSO. "
                + "Place it after the step that identifies the user. Users with realm role "
                + MemberPolicies.BREAK_GLASS_ROLE + " are exempt.";
    }

    @Override
    public String getReferenceCategory() {
        return "gatehouse-sso-required";
    }

    @Override
    public String getId() {
        return ID;
    }
}
