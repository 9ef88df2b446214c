package io.gatehouse.webhooks;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    /** The test vector of the Standard Webhooks specification and its libraries (secret, id, timestamp, body, signature). */
    @Test
    void signs_the_specifications_test_vector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.sign(
                "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void a_changed_body_id_or_timestamp_changes_the_signature() {
        String secret = WebhookSecret.mint();
        String signed = WebhookSignature.sign(secret, "e1", 100, "{}");
        assertNotEquals(signed, WebhookSignature.sign(secret, "e2", 100, "{}"));
        assertNotEquals(signed, WebhookSignature.sign(secret, "e1", 101, "{}"));
        assertNotEquals(signed, WebhookSignature.sign(secret, "e1", 100, "{ }"));
        assertNotEquals(signed, WebhookSignature.sign(WebhookSecret.mint(), "e1", 100, "{}"));
    }

    @Test
    void a_secret_is_whsec_and_the_standard_base64_of_32_random_bytes() {
        String secret = WebhookSecret.mint();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring(6)).length);
        assertNotEquals(secret, WebhookSecret.mint());
    }
}
