package io.gatehouse.sso;

import org.keycloak.models.IdentityProviderModel;

import java.util.Map;

/**
 * What one connection (a Keycloak identity provider linked to an organization) says about where
 * the user's email comes from and how far to trust it. Kept in the identity provider's own config,
 * so it travels with the connection and survives the enforcement mapper being re-created.
 */
record ConnectionSettings(boolean emailFromUpnOrPreferredUsername, boolean allowUnverifiedEmail, String samlEmailAttribute) {

    static final String EMAIL_FALLBACK = "gatehouse.emailFromUpnOrPreferredUsername";
    static final String ALLOW_UNVERIFIED_EMAIL = "gatehouse.allowUnverifiedEmail";
    static final String SAML_EMAIL_ATTRIBUTE = "gatehouse.samlEmailAttribute";

    static ConnectionSettings of(IdentityProviderModel idp) {
        Map<String, String> config = idp.getConfig();
        String attribute = config.get(SAML_EMAIL_ATTRIBUTE);
        return new ConnectionSettings(Boolean.parseBoolean(config.get(EMAIL_FALLBACK)),
                Boolean.parseBoolean(config.get(ALLOW_UNVERIFIED_EMAIL)),
                attribute == null || attribute.isBlank() ? null : attribute);
    }
}
