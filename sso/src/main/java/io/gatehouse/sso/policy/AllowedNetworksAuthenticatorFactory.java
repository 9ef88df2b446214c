package io.gatehouse.sso.policy;

import io.gatehouse.sso.RequiredStepFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;

public final class AllowedNetworksAuthenticatorFactory extends RequiredStepFactory {

    public static final String ID = "gatehouse-allowed-networks";
    private static final AllowedNetworksAuthenticator SINGLETON = new AllowedNetworksAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Gatehouse: organization's allowed networks";
    }

    @Override
    public String getHelpText() {
        return "Refuses sign-in from outside the allowedNetworks of the user's organizations (and, in broker flows, of the "
                + "connection's organization). Place it after the step that identifies the user, and first in the first broker "
                + "login flow. Uses the client address Keycloak reports, which follows its proxy-headers setting.";
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
