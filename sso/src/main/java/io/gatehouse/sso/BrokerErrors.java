package io.gatehouse.sso;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.events.Errors;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, for the customer's IT admin testing a connection, why Keycloak's broker refused what the
 * IdP answered: precisely where the refused SAML response ({@link SamlResponseDiagnosis}) or the
 * OIDC broker's log line ({@link OidcBrokerLog}) shows the cause, else from the error of
 * Keycloak's login error event. Log lines it does not know are not shown: they may hold what the
 * IdP's token endpoint answered.
 */
final class BrokerErrors {

    private static final Set<String> OIDC = Set.of("oidc", "keycloak-oidc");
    private static final Pattern WRONG_ISSUER = Pattern.compile("Wrong issuer from token\\. Got: (.*) expected: (.*)");
    private static final Pattern TOKEN_ENDPOINT_STATUS = Pattern.compile("Unexpected response from token endpoint .*status=(\\d+).*", Pattern.DOTALL);
    private static final int MAX_ECHOED = 200;

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

    private static Optional<String> oidc(OIDCIdentityProviderConfig config, String logged) {
        Matcher tokenEndpoint = TOKEN_ENDPOINT_STATUS.matcher(logged);
        if (tokenEndpoint.matches()) {
            return Optional.of(logged.contains("invalid_client") || logged.contains("unauthorized_client") || tokenEndpoint.group(1).equals("401")
                    ? "The IdP refused this connection's client ID or client secret. Copy the client secret from the IdP's app again and "
                    + "update the connection."
                    : "The IdP's token endpoint refused to issue tokens (HTTP " + tokenEndpoint.group(1) + "). The server log has its answer.");
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
        Matcher issuer = WRONG_ISSUER.matcher(logged);
        if (issuer.matches()) {
            return Optional.of("Wrong issuer: the IdP's ID token comes from " + echoed(issuer.group(1)) + ", but this connection expects "
                    + issuer.group(2) + ". Connect again with the IdP's current discovery URL.");
        }
        if (logged.equals("token signature validation failed") || logged.equals("Invalid token signature")) {
            return Optional.of("Bad signature: the IdP's ID token is not signed with a key the IdP publishes at " + config.getJwksUrl()
                    + ". Connect again with the IdP's current discovery URL.");
        }
        return Optional.empty();
    }

    private static String echoed(String fromIdp) {
        return fromIdp.length() > MAX_ECHOED ? fromIdp.substring(0, MAX_ECHOED) + "…" : fromIdp;
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
