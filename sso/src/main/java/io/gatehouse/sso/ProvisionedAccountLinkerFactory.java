package io.gatehouse.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/**
 * The first-broker-login step that links a person an organization provisioned. It is an alternative
 * beside {@code idp-create-user-if-unique} and the confirm-link subflow, never required: when it
 * steps aside, the next alternative must run.
 */
public final class ProvisionedAccountLinkerFactory extends RequiredStepFactory {

    public static final String ID = "gatehouse-link-provisioned-account";
    private static final ProvisionedAccountLinker SINGLETON = new ProvisionedAccountLinker();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.ALTERNATIVE, Requirement.DISABLED};
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
    public String getId() {
        return ID;
    }
}
