package io.gatehouse.scim.protocol;

import io.gatehouse.scim.ScimDirectories;
import io.gatehouse.scim.persistence.ScimDirectoryEntity;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who may call a directory: a bearer token of that directory, or an access token this realm issued
 * (client credentials) to the OAuth client an admin bound to the directory, with scope
 * {@value #SCOPE}.
 */
final class CallerCheck {

    static final String SCOPE = "scim";
    private static final String BEARER = "Bearer ";

    private CallerCheck() {
    }

    static Optional<ScimDirectoryEntity> directory(KeycloakSession session, String directoryId, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorization.substring(BEARER.length()).strip();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        ScimDirectories directories = new ScimDirectories(session);
        return directories.authenticate(directoryId, token).or(() -> boundClient(session, directories, directoryId, token));
    }

    private static Optional<ScimDirectoryEntity> boundClient(KeycloakSession session, ScimDirectories directories,
                                                             String directoryId, String token) {
        Optional<ScimDirectoryEntity> directory = directories.find(directoryId).filter(d -> d.getClientId() != null);
        if (directory.isEmpty() || token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        AuthenticationManager.AuthResult verified = new AppAuthManager.BearerTokenAuthenticator(session)
                .setRealm(session.getContext().getRealm())
                .setUriInfo(session.getContext().getUri())
                .setConnection(session.getContext().getConnection())
                .setHeaders(session.getContext().getRequestHeaders())
                .setTokenString(token)
                .authenticate();
        return directory.filter(d -> verified != null && issuedToBoundClientForScim(verified.token(), d.getClientId()));
    }

    private static boolean issuedToBoundClientForScim(AccessToken token, String clientId) {
        return clientId.equals(token.getIssuedFor()) && token.getScope() != null
                && Arrays.asList(token.getScope().split(" ")).contains(SCOPE);
    }
}
