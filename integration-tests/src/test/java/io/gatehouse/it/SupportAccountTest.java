package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support account onboarding creates: a generated password and a TOTP authenticator shown
 * once, a break-glass exemption from ssoRequired, and its sign-ins in the activity log. On the
 * production template, as an operator imports it.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class SupportAccountTest {

    @InjectRealm(fromJson = "/realm-templates/gatehouse-realm.json", config = OrgPolicyEnforcementTest.WithApp.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        String domain = "support-" + OrgApiTest.unique() + ".test";
        ApiResponse org = api.createOrg(json(Map.of("name", "Support " + domain, "domains", List.of(domain),
                "policies", Map.of("ssoRequired", true, "mfaForNonSsoUsers", true))));
        assertEquals(201, org.status(), org.toString());
        orgId = org.body().get("id").asText();
    }

    @Test
    void the_support_account_signs_in_with_password_and_totp_despite_sso_required_and_is_logged() throws Exception {
        ApiResponse created = api.post("/orgs/" + orgId + "/support-account", "");
        assertEquals(201, created.status(), created.toString());
        JsonNode account = created.body();
        String username = account.get("username").asText();
        assertTrue(account.get("otpauthUri").asText().startsWith("otpauth://totp/"), account.toString());
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'},
                java.util.Arrays.copyOf(Base64.getDecoder().decode(account.get("qrCode").asText()), 4), "a PNG QR code");
        String password = account.get("password").asText();
        assertTrue(password.length() >= 43, "at least 256 random bits");

        String totpSecret = secretOf(account.get("otpauthUri").asText());
        assertEquals(400, directGrant(username, password, null).statusCode(), "the password alone is not enough");
        HttpResponse<String> signedIn = directGrant(username, password, totp(totpSecret));
        assertEquals(200, signedIn.statusCode(), signedIn.body());

        JsonNode activity = api.get("/orgs/" + orgId + "/activity").body();
        assertEquals("support_account.login", activity.get(0).get("kind").asText(), activity.toString());
        assertEquals(username, activity.get(0).get("actor").asText());
    }

    @Test
    void an_org_has_one_support_account() {
        assertEquals(201, api.post("/orgs/" + orgId + "/support-account", "").status());
        ApiResponse again = api.post("/orgs/" + orgId + "/support-account", "");
        assertEquals(409, again.status(), again.toString());
        assertEquals("support_account_exists", again.error());
        assertNotEquals(-1, api.get("/orgs/" + orgId + "/activity").rawBody().indexOf("support_account.created"));
    }

    private HttpResponse<String> directGrant(String username, String password, String totp) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=app&username=" + enc(username) + "&password=" + enc(password)
                + (totp == null ? "" : "&totp=" + totp);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The raw secret Keycloak keeps: the otpauth URI carries it base32-encoded. */
    private static String secretOf(String otpauthUri) {
        String base32 = otpauthUri.replaceAll(".*[?&]secret=([A-Z2-7]+).*", "$1");
        return new String(base32Decode(base32), StandardCharsets.UTF_8);
    }

    private static byte[] base32Decode(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** RFC 6238 with Keycloak's defaults: HmacSHA1, 6 digits, 30 seconds. */
    private static String totp(String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(System.currentTimeMillis() / 30_000).array());
        int offset = hash[hash.length - 1] & 0xf;
        int code = ((hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8 | (hash[offset + 3] & 0xff)) % 1_000_000;
        return String.format("%06d", code);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
