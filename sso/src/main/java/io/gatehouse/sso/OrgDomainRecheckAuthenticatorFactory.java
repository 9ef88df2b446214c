package io.gatehouse.sso;

import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class OrgDomainRecheckAuthenticatorFactory extends RequiredStepFactory {

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
    public String getId() {
        return ID;
    }
}
