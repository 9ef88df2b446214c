package io.gatehouse.sso;

/**
 * A connection as the customer's IT admin needs it: what to paste into their IdP. The id is the
 * Keycloak identity provider's alias. {@code droppedAnswers} counts refused IdP answers that were not
 * recorded because their login already had its one refusal recorded. {@code state} is its lifecycle
 * state ({@link ConnectionState#code}), {@code lastPassedTestAt} when a test login through it last passed.
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
                         long droppedAnswers,
                         String state,
                         String lastPassedTestAt) {
}
