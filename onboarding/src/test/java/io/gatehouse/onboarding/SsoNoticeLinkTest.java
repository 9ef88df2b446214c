package io.gatehouse.onboarding;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SsoNoticeLinkTest {

    @Test
    void asks_keycloak_to_link_the_connection_after_sign_in_through_the_account_client() {
        URI link = URI.create(SsoNoticeLink.of("https://id.example.test/realms/demo", "acme-saml", "ann+x@acme.test"));

        assertEquals("/realms/demo/protocol/openid-connect/auth", link.getPath());
        Map<String, String> query = query(link);
        assertEquals("account", query.get("client_id"));
        assertEquals("https://id.example.test/realms/demo/account/", query.get("redirect_uri"));
        assertEquals("code", query.get("response_type"));
        assertEquals("idp_link:acme-saml", query.get("kc_action"));
        assertEquals("ann+x@acme.test", query.get("login_hint"));
    }

    @Test
    void a_hostile_alias_stays_inside_its_parameter() {
        URI link = URI.create(SsoNoticeLink.of("https://id.example.test/realms/demo/", "x&redirect_uri=https://evil.test", null));

        Map<String, String> query = query(link);
        assertEquals("idp_link:x&redirect_uri=https://evil.test", query.get("kc_action"));
        assertEquals("https://id.example.test/realms/demo/account/", query.get("redirect_uri"));
        assertFalse(query.containsKey("login_hint"));
    }

    @Test
    void a_subject_keeps_a_name_on_one_line() {
        assertEquals("Acme  Bcc: x@evil.test", SsoNoticeEmail.subjectSafe("Acme\r\nBcc: x@evil.test"));
    }

    private static Map<String, String> query(URI link) {
        return Arrays.stream(link.getRawQuery().split("&"))
                .map(pair -> pair.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }
}
