package io.gatehouse.api;

import io.gatehouse.sso.NewConnection;

/** The body of POST /orgs/{id}/connections: a SAML connection from metadata, or an OIDC one from discovery. */
record ConnectionRequest(String type,
                         String metadataUrl,
                         String metadataXml,
                         String emailAttribute,
                         String discoveryUrl,
                         String clientId,
                         String clientSecret,
                         Boolean emailFromUpnOrPreferredUsername) {

    NewConnection toNewConnection() {
        if ("saml".equals(type)) {
            return new NewConnection.Saml(metadataUrl, metadataXml, emailAttribute);
        }
        if ("oidc".equals(type)) {
            return new NewConnection.Oidc(discoveryUrl, clientId, clientSecret, Boolean.TRUE.equals(emailFromUpnOrPreferredUsername));
        }
        throw ApiException.badRequest("invalid_type", "type must be 'saml' or 'oidc'.");
    }
}
