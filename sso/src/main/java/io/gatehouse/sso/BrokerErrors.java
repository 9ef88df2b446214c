package io.gatehouse.sso;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.events.Errors;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Says, for the customer's IT admin testing a connection, why Keycloak's broker refused what the
 * IdP answered: precisely where the refused SAML response ({@link SamlResponseDiagnosis}) or the
 * OIDC broker's log line ({@link OidcBrokerLog}) shows the cause, else from the error of
 * Keycloak's login error event. Log lines it does not know are not shown: they may hold what the
 * IdP's token endpoint answered. The IdP controls parts of those lines (its token endpoint's
 * answer, the issuer in its token), so only their first {@value #MAX_LOGGED} characters are read,
 * by prefix, suffix and bounded character checks that take time linear in that text.
 */
final class BrokerErrors {

    private static final Set<String> OIDC = Set.of("oidc", "keycloak-oidc");
    static final int MAX_LOGGED = 2_000;
    private static final String TOKEN_ENDPOINT = "Unexpected response from token endpoint ";
    private static final String STATUS = ". status=";
    private static final String WRONG_ISSUER = "Wrong issuer from token. Got: ";
    private static final String EXPECTED_ISSUER = " expected: ";
    /** An issuer shown back: a URL's visible ASCII, bounded; the IdP signed it, but it is the IdP's text. */
    private static final Pattern SHOWN_ISSUER = Pattern.compile("[!-~]{1,200}+");
    private static final Pattern HTTP_STATUS = Pattern.compile("\\d{3}+");

    private final KeycloakSession session;

    BrokerErrors(KeycloakSession session) {
        this.session = session;
    }

    /**
     * @param idp    the connection the answer came for, or null when not known
     * @param logged what Keycloak's OIDC broker logged for this refusal, or null
     */
    String explain(IdentityProviderModel idp, String error, String reason, String logged) {
        boolean saml = idp != null && "saml".equals(idp.getProviderId());
        Optional<String> precise = saml && Errors.INVALID_SAML_RESPONSE.equals(error) && reason == null
                ? new SamlResponseDiagnosis(session, new SAMLIdentityProviderConfig(idp)).explain()
                : idp != null && OIDC.contains(idp.getProviderId()) && logged != null
                ? oidc(new OIDCIdentityProviderConfig(idp), logged)
                : Optional.empty();
        return precise.orElseGet(() -> fromEvent(error, reason));
    }

    private static Optional<String> oidc(OIDCIdentityProviderConfig config, String line) {
        String logged = line.length() > MAX_LOGGED ? line.substring(0, MAX_LOGGED) : line;
        if (logged.startsWith(TOKEN_ENDPOINT)) {
            return tokenEndpoint(logged);
        }
        if (logged.startsWith("Token is no longer valid")) {
            return Optional.of("Clock skew or an expired token: the IdP's ID token is expired or not valid yet by this server's clock "
                    + "(the connection allows " + config.getAllowedClockSkew() + " s of skew). Check that the IdP's clock is synchronised, "
                    + "or raise the connection's allowed clock skew.");
        }
        if (logged.startsWith("Wrong audience") || logged.startsWith("Token issued for does not match")) {
            return Optional.of("Wrong audience: the IdP's ID token is not addressed to this connection's client ID (" + config.getClientId()
                    + "). Check that the connection uses the client ID of the app registered at the IdP.");
        }
        if (logged.startsWith(WRONG_ISSUER) && config.getIssuer() != null && logged.endsWith(EXPECTED_ISSUER + config.getIssuer())) {
            String got = logged.substring(WRONG_ISSUER.length(), logged.length() - EXPECTED_ISSUER.length() - config.getIssuer().length());
            return Optional.of("Wrong issuer: the IdP's ID token comes from " + (SHOWN_ISSUER.matcher(got).matches() ? got : "another issuer")
                    + ", but this connection expects " + config.getIssuer() + ". Connect again with the IdP's current discovery URL.");
        }
        if (logged.equals("token signature validation failed") || logged.equals("Invalid token signature")) {
            return Optional.of("Bad signature: the IdP's ID token is not signed with a key the IdP publishes at " + config.getJwksUrl()
                    + ". Connect again with the IdP's current discovery URL.");
        }
        return Optional.empty();
    }

    /** Keycloak logs "Unexpected response from token endpoint {url}. status={code}, response={the IdP's answer}". */
    private static Optional<String> tokenEndpoint(String logged) {
        int status = logged.indexOf(STATUS, TOKEN_ENDPOINT.length());
        String code = status < 0 ? "" : logged.substring(status + STATUS.length(), Math.min(logged.length(), status + STATUS.length() + 3));
        if (!HTTP_STATUS.matcher(code).matches()) {
            return Optional.empty();
        }
        return Optional.of(logged.contains("invalid_client") || logged.contains("unauthorized_client") || code.equals("401")
                ? "The IdP refused this connection's client ID or client secret. Copy the client secret from the IdP's app again and "
                + "update the connection."
                : "The IdP's token endpoint refused to issue tokens (HTTP " + code + "). The server log has its answer.");
    }

    private static String fromEvent(String error, String reason) {
        return switch (error == null ? "" : error) {
            case Errors.INVALID_SIGNATURE -> "Bad signature: the IdP's response is not signed with the certificate in the metadata this "
                    + "connection was created from. Export the IdP's current metadata and connect again.";
            case Errors.INVALID_SAML_RESPONSE -> "invalid_destination".equals(reason)
                    ? "The IdP sent its response to another address than this connection's ACS URL."
                    : "The IdP's SAML response is not valid. The server log names the check it failed.";
            case Errors.IDENTITY_PROVIDER_LOGIN_FAILURE, Errors.IDENTITY_PROVIDER_ERROR, Errors.INVALID_TOKEN ->
                    "The IdP's answer could not be validated. The server log names the check it failed.";
            default -> "The IdP's answer was refused (" + error + ").";
        };
    }
}
