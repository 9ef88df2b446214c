package io.gatehouse.scim;

import java.util.List;

/**
 * A SCIM directory as admins see it: where the customer's IdP sends its requests, its tokens
 * (never their values), and how its last request went.
 */
public record ScimDirectory(String id,
                            String orgId,
                            String name,
                            String baseUrl,
                            String oauthClientId,
                            long createdAt,
                            Long lastSyncAt,
                            Long lastErrorAt,
                            String lastError,
                            List<Token> tokens) {

    public record Token(String id, long createdAt, Long lastUsedAt) {
    }

    /** A directory just created, with its first token: the only time the token is shown. */
    public record Created(String id, String orgId, String name, String baseUrl, String oauthClientId, String tokenId, String token) {
    }

    /** A token just minted: the only time its value is shown. */
    public record MintedToken(String id, String token, long createdAt) {
    }
}
