package io.gatehouse.sso;

/** A connection a customer asks for: their IdP's metadata (SAML) or discovery document and client (OIDC). */
public sealed interface NewConnection {

    /** @param metadataUrl where to fetch the IdP metadata; or null when {@code metadataXml} is given */
    record Saml(String metadataUrl, String metadataXml, String emailAttribute) implements NewConnection {
    }

    record Oidc(String discoveryUrl, String clientId, String clientSecret, boolean emailFromUpnOrPreferredUsername)
            implements NewConnection {
    }
}
