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
 * Who may call a directory: a bearer token of that directory, or a client-credentials access token
 * this realm issued to the OAuth client an admin bound to the directory, with scope
 * {@value #SCOPE}. Anything else gets the same 401, whatever was wrong with it.
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
        return directory.filter(d -> verified != null && verified.user() != null && verified.client() != null
                && isBoundClientsOwn(verified.token(), d.getClientId(), verified.client().getId(), verified.user().getServiceAccountClientLink()));
    }

    /**
     * A client-credentials token of the bound client, with scope {@value #SCOPE}: issued to that
     * client and for that client's own service-account user. A person's token of the same client
     * (authorization code, password grant) is for the person, and is refused: it would let
     * whoever can sign in to the client act as the directory. The user is the token's subject as
     * Keycloak resolved it from its session, so the rule does not depend on the client's mappers.
     *
     * @param clientUuid                the internal id of the client the token was issued to
     * @param callerServiceAccountLink  the internal id of the client whose service account the caller is, or null for a person
     */
    static boolean isBoundClientsOwn(AccessToken token, String boundClientId, String clientUuid, String callerServiceAccountLink) {
        return boundClientId.equals(token.getIssuedFor())
                && callerServiceAccountLink != null && callerServiceAccountLink.equals(clientUuid)
                && token.getScope() != null && Arrays.asList(token.getScope().split(" ")).contains(SCOPE);
    }
}
