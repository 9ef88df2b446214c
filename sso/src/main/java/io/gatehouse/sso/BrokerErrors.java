package io.gatehouse.sso;

import org.keycloak.events.Errors;

/**
 * Says, for the customer's IT admin testing a connection, why Keycloak's broker refused what the
 * IdP answered, from the error and reason of Keycloak's login error event.
 */
final class BrokerErrors {

    private BrokerErrors() {
    }

    static String explain(String error, String reason) {
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
                    "The IdP's answer could not be validated" + detail + ": a wrong client ID or secret, a token for another audience, "
                            + "an expired token or a bad signature. The server log names which.";
            default -> "The IdP's answer was refused: " + error + detail + ".";
        };
    }
}
