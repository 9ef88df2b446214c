package io.gatehouse.sso;

/**
 * A connection as the customer's IT admin needs it: what to paste into their IdP. The id is the
 * Keycloak identity provider's alias. {@code droppedAnswers} counts refused IdP answers that were not
 * recorded because their login already had its one refusal recorded.
 */
public record Connection(String id,
                         String type,
                         boolean enabled,
                         String spEntityId,
                         String acsUrl,
                         String spMetadataUrl,
                         String redirectUri,
                         String lastLoginAt,
                         String lastErrorAt,
                         String lastError,
                         long droppedAnswers) {
}
