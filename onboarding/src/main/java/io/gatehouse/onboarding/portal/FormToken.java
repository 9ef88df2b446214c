package io.gatehouse.onboarding.portal;

import io.gatehouse.secrets.Secrets;

/**
 * The portal's form tokens, against cross-site posts: each of its forms posts only together with the
 * SameSite=Strict cookie its page was made for, and carries a token derived from that cookie. A
 * cross-site post has no cookie, and another browser's form has another one.
 */
final class FormToken {

    private FormToken() {
    }

    /** The token a form of {@code purpose} carries for the browser holding {@code cookie}. */
    static String of(String purpose, String cookie) {
        return Secrets.hash(purpose + ":" + cookie);
    }

    static boolean matches(String purpose, String cookie, String token) {
        return cookie != null && token != null && Secrets.sameHash(of(purpose, cookie), token);
    }
}
