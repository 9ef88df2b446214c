package io.gatehouse.sso;

import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * The first-broker-login step that links a person an organization provisioned. It is an alternative
 * beside {@code idp-create-user-if-unique} and the confirm-link subflow, never required: when it
 * steps aside, the next alternative must run.
 */
public final class ProvisionedAccountLinkerFactory implements AuthenticatorFactory {

    public static final String ID = "gatehouse-link-provisioned-account";
    private static final ProvisionedAccountLinker SINGLETON = new ProvisionedAccountLinker();
    private static final AuthenticationExecutionModel.Requirement[] CHOICES = {
            AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse: link an account the organization provisioned";
    }

    @Override
    public String getHelpText() {
        return "In a first broker login flow, after 'Create User If Unique': links the login to the existing account without asking "
                + "when that account is a managed member of the connection's organization (and of no other), and the email the "
                + "connection asserted is in the organization's domains, not said to be unverified, and the account's. "
                + "Otherwise the next steps (confirm link, email or re-authentication) run.";
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
        return CHOICES.clone();
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
