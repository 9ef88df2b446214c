package io.gatehouse.sso;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

public final class OrgDomainRecheckAuthenticatorFactory implements AuthenticatorFactory {

    public static final String ID = "gatehouse-org-domain-recheck";
    /** The post-broker-login flow the realm templates define; connections created by Gatehouse use it. */
    public static final String FLOW_ALIAS = "gatehouse post broker login";
    private static final OrgDomainRecheckAuthenticator SINGLETON = new OrgDomainRecheckAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse: organization domain re-check";
    }

    @Override
    public String getHelpText() {
        return "In a post-broker-login flow: refuses the login if, after all identity provider mappers ran, "
                + "the user's email is outside the connection's organization.";
    }

    @Override
    public String getReferenceCategory() {
        return ID;
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
