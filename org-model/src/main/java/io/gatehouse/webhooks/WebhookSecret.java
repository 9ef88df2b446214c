package io.gatehouse.webhooks;

import io.gatehouse.secrets.Secrets;

import java.util.Base64;

/**
 * An endpoint's signing secret in the Standard Webhooks form: {@code whsec_} and the standard base64 of
 * 32 random bytes (the form the libraries decode). Unlike Gatehouse's other secrets it cannot be kept
 * as a hash, since every delivery is signed with it: it is kept as it is, as Keycloak keeps a
 * client's secret, and shown to the admin only in the answer that creates it.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;

    private WebhookSecret() {
    }

    public static String mint() {
        return PREFIX + Base64.getEncoder().encodeToString(Secrets.randomBytes(BYTES));
    }

    /** The HMAC key: the bytes the base64 after the prefix stands for. */
    static byte[] key(String secret) {
        return Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
    }
}
