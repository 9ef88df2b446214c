package io.gatehouse.sso.discovery;

import io.gatehouse.sso.RequiredStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

public final class OrgExternalIdRedirectorFactory extends RequiredStepFactory {

    public static final String ID = "gatehouse-org-external-id";
    private static final OrgExternalIdRedirector SINGLETON = new OrgExternalIdRedirector();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    /** It stands beside the other ways into a login (cookie, kc_idp_hint, the forms), as they do. */
    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.ALTERNATIVE, Requirement.DISABLED};
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse: organization by external ID";
    }

    @Override
    public String getHelpText() {
        return "When the authorization request carries " + OrgExternalIdParameter.NAME + ", sends the login to that "
                + "organization's SSO connection (or a choice among them) through 'Sign in with SSO'. Place it as an "
                + "alternative next to the identity provider redirector.";
    }

    @Override
    public String getReferenceCategory() {
        return OrgExternalIdParameter.NAME;
    }

    @Override
    public String getId() {
        return ID;
    }
}
