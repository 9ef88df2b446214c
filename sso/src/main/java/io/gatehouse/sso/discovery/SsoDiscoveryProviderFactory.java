package io.gatehouse.sso.discovery;

import org.keycloak.broker.provider.AbstractIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

public final class SsoDiscoveryProviderFactory extends AbstractIdentityProviderFactory<SsoDiscoveryProvider> {

    public static final String ID = "gatehouse-sso";

    @Override
    public String getName() {
        return "Sign in with SSO (Gatehouse)";
    }

    @Override
    public String getHelpText() {
        return "A 'Sign in with SSO' button: the user types a work email or organization name and is sent to that organization's connection.";
    }

    @Override
    public SsoDiscoveryProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new SsoDiscoveryProvider(session, model);
    }

    @Override
    public IdentityProviderModel createConfig() {
        return new IdentityProviderModel();
    }

    @Override
    public String getId() {
        return ID;
    }
}
