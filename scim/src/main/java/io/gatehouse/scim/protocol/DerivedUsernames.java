package io.gatehouse.scim.protocol;

import org.keycloak.models.utils.Base32;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Keycloak username of a SCIM user whose userName cannot be one (not an email in the
 * organization's domains, or characters Keycloak's username rules refuse):
 * {@value #PREFIX} + base32 of HMAC-SHA256(organization's key, orgId + "\n" + canonical
 * userName), cut to {@value #BITS} bits.
 * <ul>
 *   <li>Deterministic: the same userName in the same organization always gives the same name,
 *       so Keycloak's unique username constraint makes the SCIM userName unique within the
 *       organization (two concurrent creates: one 409), and {@code userName eq "x"} is an index
 *       look-up.</li>
 *   <li>Unpredictable without the organization's key, so nobody (a self-registered account,
 *       another organization's directory) can take a name before the directory needs it.</li>
 *   <li>Never an email ({@code @} is not in base32) and so never the name of an in-domain email
 *       user; two organizations differ in key and id.</li>
 * </ul>
 */
final class DerivedUsernames {

    static final String PREFIX = "scim-";
    static final int BITS = 160;
    private static final String HMAC = "HmacSHA256";

    private DerivedUsernames() {
    }

    /** How userNames compare (RFC 7643, 4.1.1: case-insensitive): NFC, then lower case. */
    static String canonical(String userName) {
        return Normalizer.normalize(userName, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Whether a username has the form of a derived one. */
    static boolean looksDerived(String username) {
        return username.length() == PREFIX.length() + BITS / 5 && username.startsWith(PREFIX)
                && username.substring(PREFIX.length()).chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'));
    }

    static String derive(byte[] organizationKey, String orgId, String userName) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(organizationKey, HMAC));
            byte[] digest = mac.doFinal((orgId + "\n" + canonical(userName)).getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base32.encode(Arrays.copyOf(digest, BITS / 8)).toLowerCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
