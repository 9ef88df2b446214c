package io.gatehouse.org;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The SPI under which operators configure Gatehouse's organization services. */
public final class GatehouseOrganizationsSpi implements Spi {

    public static final String NAME = "gatehouse-organizations";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return GatehouseOrganizations.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return GatehouseOrganizationsFactory.class;
    }
}
