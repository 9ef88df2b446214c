package io.gatehouse.sso;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says, for the customer's IT admin testing a connection, why Keycloak's broker refused what the
 * IdP answered: precisely where the refused answer or the broker's log shows the cause
 * ({@link SamlResponseDiagnosis}, {@link OidcBrokerLog}), else from the error of Keycloak's login
 * error event.
 */
final class BrokerErrors {

    private static final Pattern WRONG_ISSUER = Pattern.compile("Wrong issuer from token\\. Got: (.*) expected: (.*)");

    private final KeycloakSession session;

    BrokerErrors(KeycloakSession session) {
        this.session = session;
    }

    /** @param logged what Keycloak's OIDC broker logged for this refusal, or null */
    String explain(String error, String reason, String logged) {
        return new SamlResponseDiagnosis(session).explain()
                .or(() -> Optional.ofNullable(logged).flatMap(l -> BrokerEndpoint.of(session).map(idp -> oidc(new OIDCIdentityProviderConfig(idp), l))))
                .orElseGet(() -> fromEvent(error, reason));
    }

    private static String oidc(OIDCIdentityProviderConfig config, String logged) {
        if (logged.startsWith("Token is no longer valid")) {
            return "Clock skew or an expired token: the IdP's ID token is expired or not valid yet by this server's clock "
                    + "(the connection allows " + config.getAllowedClockSkew() + " s of skew). Check that the IdP's clock is synchronised, "
                    + "or raise the connection's allowed clock skew.";
        }
        if (logged.startsWith("Wrong audience") || logged.startsWith("Token issued for does not match")) {
            return "Wrong audience: the IdP's ID token is not addressed to this connection's client ID (" + config.getClientId()
                    + "). Check that the connection uses the client ID of the app registered at the IdP.";
        }
        Matcher issuer = WRONG_ISSUER.matcher(logged);
        if (issuer.matches()) {
            return "Wrong issuer: the IdP's ID token comes from " + issuer.group(1) + ", but this connection expects " + issuer.group(2)
                    + ". Connect again with the IdP's current discovery URL.";
        }
        if (logged.contains("signature")) {
            return "Bad signature: the IdP's ID token is not signed with a key the IdP publishes at " + config.getJwksUrl()
                    + ". Connect again with the IdP's current discovery URL.";
        }
        if (logged.startsWith("Unexpected response from token endpoint")) {
            return logged.contains("invalid_client") || logged.contains("status=401")
                    ? "The IdP refused this connection's client ID or client secret (invalid_client). Copy the client secret from the "
                    + "IdP's app again and update the connection."
                    : "The IdP's token endpoint refused to issue tokens: " + logged;
        }
        return "The IdP's answer could not be validated: " + logged;
    }

    private static String fromEvent(String error, String reason) {
        String detail = reason == null ? "" : " (" + reason + ")";
        return switch (error == null ? "" : error) {
            case Errors.INVALID_SIGNATURE -> "Bad signature: the IdP's response is not signed with the certificate in the metadata this "
                    + "connection was created from. Export the IdP's current metadata and connect again.";
            case "authentication_expired", Errors.EXPIRED_CODE -> "The IdP's assertion failed its conditions: either it is outside its "
                    + "validity time (clock skew: check the IdP's clock) or it is addressed to another audience (the audience must be this "
                    + "connection's entity ID).";
            case Errors.INVALID_SAML_RESPONSE -> "invalid_destination".equals(reason)
                    ? "The IdP sent its response to another address than this connection's ACS URL."
                    : "The IdP's SAML response is not valid" + detail + ".";
            case Errors.IDENTITY_PROVIDER_LOGIN_FAILURE, Errors.IDENTITY_PROVIDER_ERROR, Errors.INVALID_TOKEN ->
                    "The IdP's answer could not be validated" + detail + ".";
            default -> "The IdP's answer was refused: " + error + detail + ".";
        };
    }
}
