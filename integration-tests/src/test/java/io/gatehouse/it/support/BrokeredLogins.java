package io.gatehouse.it.support;

import io.gatehouse.it.support.BrowserlessUser.Page;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections to the customer realm ({@link CustomerIdpRealm}) and logins through them, as an end
 * user does them: the app's login with {@code kc_idp_hint}, the customer's login form, back to the app.
 */
public final class BrokeredLogins {

    public static final String REFUSAL = "not allowed for this organization";
    private static final String PASSWORD = "password";

    private final String baseUrl;
    private final GatehouseApi api;
    private final ManagedRealm sso;
    private final ManagedRealm customer;

    public BrokeredLogins(String baseUrl, GatehouseApi api, ManagedRealm sso, ManagedRealm customer) {
        this.baseUrl = baseUrl;
        this.api = api;
        this.sso = sso;
        this.customer = customer;
    }

    /**
     * Adds an OIDC or SAML connection to the customer realm through the management API and activates
     * it with a passing Test connection ({@link ConnectionActivation}); answers its alias.
     */
    public String connect(String orgId, String protocol) {
        String alias = draft(orgId, protocol);
        ConnectionActivation.activate(api, customer.admin(), orgId, alias);
        return alias;
    }

    /** Adds a connection as {@link #connect} does, left a draft: only Test connection signs in through it. */
    public String draft(String orgId, String protocol) {
        Map<String, Object> body = protocol.equals("oidc")
                ? Map.of("type", "oidc", "discoveryUrl", baseUrl + "/realms/" + CustomerIdpRealm.NAME + "/.well-known/openid-configuration",
                "clientId", CustomerIdpRealm.OIDC_CLIENT, "clientSecret", CustomerIdpRealm.OIDC_SECRET)
                : Map.of("type", "saml", "metadataUrl", baseUrl + "/realms/" + CustomerIdpRealm.NAME + "/protocol/saml/descriptor");
        ApiResponse created = api.post("/orgs/" + orgId + "/connections", GatehouseApi.json(body));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    /** A user at the customer's IdP with this email (verified there); answers the username. */
    public String idpUser(String email) {
        String username = "u-" + UUID.randomUUID().toString().substring(0, 8);
        TestUsers.create(customer.admin(), username, email, true, PASSWORD);
        return username;
    }

    public Page login(String alias, String username) {
        BrowserlessUser browser = new BrowserlessUser(SsoRealm.APP_REDIRECT);
        Page idpLogin = browser.open(baseUrl + "/realms/" + SsoRealm.NAME + "/protocol/openid-connect/auth?client_id="
                + SsoRealm.APP + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(SsoRealm.APP_REDIRECT, StandardCharsets.UTF_8) + "&kc_idp_hint=" + alias);
        assertTrue(idpLogin.uri().toString().contains("/realms/" + CustomerIdpRealm.NAME + "/"), idpLogin.uri() + "\n" + idpLogin.body());
        Page afterIdp = browser.signIn(idpLogin, username, PASSWORD);
        return afterIdp.uri().getPath().endsWith("/first-broker-login") ? browser.completeProfile(afterIdp, "Test", "User") : afterIdp;
    }

    public static void assertSignedIn(Page page) {
        assertTrue(page.reachedApp(SsoRealm.APP_REDIRECT), page.status() + " " + page.uri() + "\n" + page.body());
    }

    /** Gatehouse's themed refusal, never Keycloak's "Unexpected error when authenticating with identity provider". */
    public static void assertRefused(Page page) {
        assertEquals(403, page.status(), page.uri() + "\n" + page.body());
        assertTrue(page.body().contains(REFUSAL), page.body());
        assertFalse(page.body().contains("Unexpected error"), page.body());
    }

    public void assertNoSpUser(String email) {
        assertEquals(0, sso.admin().users().searchByEmail(email, true).size(), "no user may be created for " + email);
    }

    /** The reason of the newest refused brokered login. */
    public String lastRefusalReason() {
        List<EventRepresentation> events = sso.admin().getEvents(List.of("IDENTITY_PROVIDER_LOGIN_ERROR"), null, null, null, null, null, 0, 1);
        assertFalse(events.isEmpty(), "a login error event");
        assertEquals("gatehouse_domain_not_allowed", events.get(0).getError());
        return events.get(0).getDetails().get("reason");
    }

    public static GatehouseApi api(String baseUrl, Keycloak admin) {
        return new GatehouseApi(baseUrl, SsoRealm.NAME, () -> admin.tokenManager().getAccessTokenString());
    }
}
