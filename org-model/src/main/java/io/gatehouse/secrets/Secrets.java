package io.gatehouse.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets Gatehouse hands out (SCIM tokens, setup links, portal sessions): 256 random bits,
 * shown once, kept only as a SHA-256 hash, and compared in constant time.
 */
public final class Secrets {

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** A new secret: the prefix says what it is for, so a leaked one is easy to recognize. */
    public static String mint(String prefix) {
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(RANDOM_BYTES));
    }

    /** Random bytes for a secret that has a form of its own (a webhook signing secret). */
    public static byte[] randomBytes(int count) {
        byte[] secret = new byte[count];
        RANDOM.nextBytes(secret);
        return secret;
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static boolean sameHash(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), actual.getBytes(StandardCharsets.US_ASCII));
    }
}
