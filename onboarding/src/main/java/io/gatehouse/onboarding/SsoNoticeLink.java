package io.gatehouse.onboarding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The link in the notice: Keycloak's own application-initiated action {@code idp_link} for the
 * connection, started from Keycloak's account client. The member signs in as usual, Keycloak asks
 * them to confirm, sends them to the connection's IdP, links the account it comes back with, and
 * shows the account console. The link holds no secret: whoever has it must still sign in as the member.
 */
final class SsoNoticeLink {

    /** Keycloak's account client: public, redirects to the account console, and holds manage-account, which idp_link needs. */
    static final String CLIENT = "account";

    private SsoNoticeLink() {
    }

    /** @param realmUrl the realm's front-end address, such as {@code https://id.example.com/realms/demo} */
    static String of(String realmUrl, String connectionAlias, String email) {
        String base = realmUrl.endsWith("/") ? realmUrl.substring(0, realmUrl.length() - 1) : realmUrl;
        return base + "/protocol/openid-connect/auth"
                + "?client_id=" + CLIENT
                + "&redirect_uri=" + encode(base + "/account/")
                + "&response_type=code&scope=openid"
                + "&kc_action=" + encode("idp_link:" + connectionAlias)
                + (email == null ? "" : "&login_hint=" + encode(email));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
