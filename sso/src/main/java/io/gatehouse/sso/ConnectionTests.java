package io.gatehouse.sso;

import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * "Test connection": a real login round trip through one of an organization's connections that
 * creates no user and no session, and reports what the IdP sent and whether the organization's
 * domain check passes. The login runs through the realm's client {@value #CLIENT_ID} (created on
 * first use); {@link DomainEnforcementMapper} records the outcome of a test login instead of
 * letting it go on, and {@link ConnectionStatusRecorder} records the reason when Keycloak's broker
 * refuses the IdP's answer first (a bad signature, an expired or mis-addressed assertion).
 * A test and its result live for {@value #LIFESPAN_SECONDS} seconds.
 */
public final class ConnectionTests {

    public static final String CLIENT_ID = "gatehouse-connection-test";
    static final long LIFESPAN_SECONDS = 900;
    private static final String KEY = "gatehouse-connection-test:";
    private static final String LATEST = "gatehouse-connection-test-latest:";

    /** What a test found: {@code PENDING} until the IdP answered, then {@code PASSED}, {@code REFUSED} or {@code FAILED}. */
    public record Result(String id, String orgId, String outcome, String reason,
                         String email, String firstName, String lastName, String username, List<String> groups) {

        public boolean pending() {
            return "PENDING".equals(outcome);
        }
    }

    private final KeycloakSession session;

    public ConnectionTests(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Starts a test of one of the org's connections; the caller sends the browser to
     * {@link #loginUrl} with the test's id as the OAuth state.
     */
    public String start(String orgId, String alias) {
        String id = UUID.randomUUID().toString();
        Map<String, String> test = new HashMap<>();
        test.put("orgId", orgId);
        test.put("alias", alias);
        test.put("outcome", "PENDING");
        RealmModel realm = session.getContext().getRealm();
        inOwnTransaction(store -> {
            store.put(KEY + id, LIFESPAN_SECONDS, test);
            store.put(LATEST + realm.getId() + ":" + alias, LIFESPAN_SECONDS, Map.of("id", id));
        });
        return id;
    }

    public Optional<Result> find(String id) {
        return Optional.ofNullable(id).map(i -> session.singleUseObjects().get(KEY + i)).map(m -> result(id, m));
    }

    /** The newest test of a connection, if one ran in the last {@value #LIFESPAN_SECONDS} seconds. */
    public Optional<Result> latest(String alias) {
        Map<String, String> latest = session.singleUseObjects().get(LATEST + session.getContext().getRealm().getId() + ":" + alias);
        return latest == null ? Optional.empty() : find(latest.get("id"));
    }

    /**
     * The authorization request that runs the test login through the connection. Its PKCE
     * challenge is never redeemed: a test login ends before Keycloak issues a code.
     */
    public String loginUrl(String realmBase, String redirectUri, String id, String alias) {
        return realmBase + "/protocol/openid-connect/auth?client_id=" + CLIENT_ID + "&response_type=code&scope=openid"
                + "&redirect_uri=" + encode(redirectUri) + "&state=" + id + "&kc_idp_hint=" + encode(alias)
                + "&code_challenge_method=S256&code_challenge=" + Base64Url.encode(SecretGenerator.getInstance().randomBytes(32));
    }

    /** The client test logins run through: public, standard flow, redirecting only to the setup portal. */
    public void ensureClient(String redirectUri) {
        OwnClients.ensure(session, session.getContext().getRealm().getName(), CLIENT_ID, () -> {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(CLIENT_ID);
            client.setName("Gatehouse connection test");
            client.setDescription("Runs the setup portal's \"Test connection\" logins; they create no user and no session.");
            client.setPublicClient(true);
            client.setStandardFlowEnabled(true);
            client.setDirectAccessGrantsEnabled(false);
            client.setConsentRequired(false);
            client.setRedirectUris(List.of(redirectUri));
            client.setAttributes(Map.of("pkce.code.challenge.method", "S256"));
            return client;
        });
    }

    /** The test a login runs for, if it is a test login (by the client it runs for): the login's OAuth state is the test's id. */
    static Optional<String> testOf(AuthenticationSessionModel login) {
        boolean test = login != null && login.getClient() != null && CLIENT_ID.equals(login.getClient().getClientId());
        return test ? Optional.ofNullable(login.getClientNote(OIDCLoginProtocol.STATE_PARAM)) : Optional.empty();
    }

    /**
     * Whether {@code id} is a pending test the setup portal started for this connection. Anyone can
     * start a login through the test client with a state of their choosing; only a test the portal
     * started may activate a draft.
     */
    boolean pendingFor(String id, IdentityProviderModel idp) {
        Optional<Map<String, String>> test = Optional.ofNullable(id).map(i -> session.singleUseObjects().get(KEY + i));
        return test.filter(t -> "PENDING".equals(t.get("outcome")))
                .filter(t -> idp.getAlias().equals(t.get("alias")) && t.get("orgId") != null && t.get("orgId").equals(idp.getOrganizationId()))
                .isPresent();
    }

    /** Records what the IdP sent and the domain check's verdict; {@code refusal} is null when it passes. */
    void recordIdentity(String id, AssertedIdentity asserted, BrokeredIdentityContext context,
                        List<String> groups, String refusal) {
        update(id, test -> {
            test.put("outcome", refusal == null ? "PASSED" : "REFUSED");
            putIfPresent(test, "reason", refusal);
            putIfPresent(test, "email", asserted.email());
            putIfPresent(test, "firstName", context.getFirstName());
            putIfPresent(test, "lastName", context.getLastName());
            putIfPresent(test, "username", context.getUsername());
            test.put("groups", String.join("\n", groups));
        });
    }

    /** Records that Keycloak's broker refused an IdP's answer, on the pending test the login runs for, if any. */
    void recordBrokerFailure(AuthenticationSessionModel login, String reason) {
        testOf(login).filter(id -> find(id).filter(Result::pending).isPresent()).ifPresent(id -> update(id, t -> {
            t.put("outcome", "FAILED");
            t.put("reason", reason);
        }));
    }

    private void update(String id, Consumer<Map<String, String>> change) {
        inOwnTransaction(store -> {
            Map<String, String> test = store.get(KEY + id);
            if (test != null) {
                Map<String, String> changed = new HashMap<>(test);
                change.accept(changed);
                store.replace(KEY + id, changed);
            }
        });
    }

    /** The test's result must outlive the login it reports on, which Keycloak ends with an error. */
    private void inOwnTransaction(Consumer<SingleUseObjectProvider> work) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> work.accept(own.singleUseObjects()));
    }

    private static Result result(String id, Map<String, String> test) {
        String groups = test.get("groups");
        return new Result(id, test.get("orgId"), test.get("outcome"), test.get("reason"), test.get("email"), test.get("firstName"),
                test.get("lastName"), test.get("username"), groups == null || groups.isEmpty() ? List.of() : List.of(groups.split("\n")));
    }

    private static void putIfPresent(Map<String, String> test, String name, String value) {
        if (value != null) {
            test.put(name, value);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
