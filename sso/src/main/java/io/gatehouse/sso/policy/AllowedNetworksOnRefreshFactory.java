package io.gatehouse.sso.policy;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

import java.util.List;

/** The realm templates put it in client profile {@code gatehouse}, applied to every client by policy {@code gatehouse}. */
public final class AllowedNetworksOnRefreshFactory implements ClientPolicyExecutorProviderFactory {

    public static final String ID = "gatehouse-allowed-networks";

    @Override
    public ClientPolicyExecutorProvider create(KeycloakSession session) {
        return new AllowedNetworksOnRefresh(session);
    }

    @Override
    public String getHelpText() {
        return "Refuses token refresh for members of an organization with allowedNetworks when the session signed in from "
                + "outside them, or, for a public client, when the refresh comes from outside them.";
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
