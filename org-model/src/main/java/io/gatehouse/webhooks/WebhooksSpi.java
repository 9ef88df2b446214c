package io.gatehouse.webhooks;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI under which operators configure webhook delivery ({@code --spi-gatehouse-webhooks--default--...}). */
public final class WebhooksSpi implements Spi {

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return "gatehouse-webhooks";
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return WebhookEndpoints.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return WebhookEndpointsFactory.class;
    }
}
