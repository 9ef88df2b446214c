package io.gatehouse.outbound;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlPolicyTest {

    private final UrlPolicy production = new UrlPolicy(new AddressPolicy(List.of()), false);
    private final UrlPolicy loopbackAllowed = new UrlPolicy(new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32"))), false);
    private final UrlPolicy httpsOnly = new UrlPolicy(new AddressPolicy(List.of(NetworkRange.parse("127.0.0.1/32"))), true);

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(document.domain)", "JavaScript:alert(1)", " javascript:alert(1)",
            "\tjavascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "javascript\u0000:alert(1)",
            "\u0001javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
            "file:///etc/passwd", "ftp://ftp.example.com/metadata.xml", "gopher://127.0.0.1:6379/_INFO",
            "//idp.example.com/sso", "idp.example.com/sso", "/sso", "", "   ", "http://", "http:///path", "https:idp.example.com",
            "http://user:pass@idp.example.com/", "http://idp.example.com@127.0.0.1/", "http://idp example.com/",
            "http://idp.example.com/a b", "http://idp.example.com/\u2028", "http://[::1"})
    void anything_but_an_http_or_https_url_with_a_host_is_refused_by_its_form(String raw) {
        RefusedUrl refused = assertThrows(RefusedUrl.class, () -> loopbackAllowed.parse(raw), raw);
        assertEquals(RefusedUrl.Reason.NOT_A_WEB_URL, refused.reason(), raw);
    }

    @Test
    void the_scheme_is_case_insensitive_and_surrounding_spaces_are_dropped() throws RefusedUrl {
        assertEquals("HTTPS://idp.example.com/sso", production.parse("  HTTPS://idp.example.com/sso \n").toString());
        assertEquals("idp.example.com", production.parse("Http://idp.example.com:8443/sso?x=1").getHost());
    }

    @Test
    void the_operator_may_require_https() throws RefusedUrl {
        assertEquals(RefusedUrl.Reason.NOT_HTTPS, assertThrows(RefusedUrl.class, () -> httpsOnly.parse("http://idp.example.com/")).reason());
        assertEquals(RefusedUrl.Reason.NOT_A_WEB_URL, assertThrows(RefusedUrl.class, () -> httpsOnly.parse("javascript:alert(1)")).reason());
        assertEquals("https://idp.example.com/", httpsOnly.parse("https://idp.example.com/").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://127.0.0.2:8080/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
            "http://2130706433/", "http://127.1/", "http://0.0.0.0/", "http://0/", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/", "http://[fd00::1]/", "http://[fe80::1]/",
            "http://224.0.0.1/", "http://[ff02::1]/", "http://localhost/", "http://LOCALHOST./", "http://no-such-host.invalid/"})
    void an_endpoint_on_an_internal_or_unresolvable_address_is_refused(String raw) {
        RefusedUrl refused = assertThrows(RefusedUrl.class, () -> production.check(raw), raw);
        // Some spellings (2130706433) are no host for java.net.URI; either way nothing reaches the address.
        assertTrue(refused.reason() == RefusedUrl.Reason.ADDRESS_NOT_ALLOWED || refused.reason() == RefusedUrl.Reason.NOT_A_WEB_URL, raw);
    }

    @Test
    void an_endpoint_inside_the_allowed_network_passes_and_one_outside_it_does_not() throws RefusedUrl {
        assertEquals("http://127.0.0.1:8080/realms/x", loopbackAllowed.check("http://127.0.0.1:8080/realms/x").toString());
        assertEquals(RefusedUrl.Reason.ADDRESS_NOT_ALLOWED,
                assertThrows(RefusedUrl.class, () -> loopbackAllowed.check("http://127.0.0.2/")).reason());
        assertEquals(RefusedUrl.Reason.ADDRESS_NOT_ALLOWED,
                assertThrows(RefusedUrl.class, () -> loopbackAllowed.check("http://[::1]/")).reason());
        assertEquals(RefusedUrl.Reason.ADDRESS_NOT_ALLOWED,
                assertThrows(RefusedUrl.class, () -> production.check("http://127.0.0.1:8080/realms/x")).reason());
    }
}
