package io.gatehouse.sso;

import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeValidatorMetadata;
import org.keycloak.userprofile.DeclarativeUserProfileProviderFactory;
import org.keycloak.userprofile.UserProfileMetadata;

import java.util.List;

/**
 * Keycloak's declarative user profile, with {@link OrgEmailGuard} on the email attribute in every
 * context. It keeps Keycloak's id, so it takes the built-in factory's place (Keycloak keeps the
 * factory of higher order among those sharing an id) and every realm's stored user-profile
 * configuration, the admin console's user-profile tab and realm imports go on working unchanged.
 * Built into the metadata every realm's configuration is laid over, the guard cannot be removed by a
 * realm's configuration, and it needs no flow, no setting and no step at realm creation.
 */
public final class GatehouseUserProfileProviderFactory extends DeclarativeUserProfileProviderFactory {

    @Override
    public int order() {
        return PROVIDER_PRIORITY + 1;
    }

    @Override
    protected UserProfileMetadata configureUserProfile(UserProfileMetadata metadata) {
        UserProfileMetadata configured = super.configureUserProfile(metadata);
        configured.getAttribute(UserModel.EMAIL)
                .forEach(email -> email.addValidators(List.of(new AttributeValidatorMetadata(OrgEmailGuard.ID))));
        return configured;
    }
}
