package io.gatehouse.sso.policy;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

public final class SsoRequiredAuthenticatorFactory implements AuthenticatorFactory {

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
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
