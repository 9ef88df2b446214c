package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import io.gatehouse.it.support.ScimClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import jakarta.ws.rs.core.Response;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SCIM directories as an admin manages them (create, tokens shown once, rotate, revoke, delete)
 * and the basics of provisioning through one: users become managed members with the org's
 * default role, deactivation keeps the user, writes are admin events on behalf of the directory.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ScimDirectoriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String orgId;
    String domain;

    @BeforeEach
    void onboard() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "scim-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Scim " + domain, domain);
    }

    @Test
    void a_directory_shows_its_token_once_and_lists_it_without_the_value() {
        ApiResponse created = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "Okta")));

        assertEquals(201, created.status(), created.toString());
        String token = created.body().get("token").asText();
        assertTrue(token.length() >= 43, "at least 256 bits: " + token);
        assertTrue(created.body().get("baseUrl").asText().endsWith("/realms/" + realm.getName() + "/gatehouse-scim/" + created.body().get("id").asText()));
        ApiResponse listed = api.get("/orgs/" + orgId + "/scim-directories");
        assertEquals(200, listed.status());
        assertEquals("Okta", listed.body().get(0).get("name").asText());
        assertFalse(listed.rawBody().contains(token), "the token is never listed");
        assertEquals(1, listed.body().get(0).get("tokens").size());
    }

    @Test
    void a_rotated_token_works_beside_the_old_one_until_the_old_one_is_revoked() {
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Directory");
        ApiResponse minted = api.post("/orgs/" + orgId + "/scim-directories/" + directory.id() + "/tokens", "");
        assertEquals(201, minted.status(), minted.toString());
        String newToken = minted.body().get("token").asText();
        assertNotEquals(directory.token(), newToken);

        assertEquals(200, directory.get("/Users").status());
        assertEquals(200, directory.withToken(newToken).get("/Users").status());

        assertEquals(204, api.delete("/orgs/" + orgId + "/scim-directories/" + directory.id() + "/tokens/" + directory.tokenId()).status());
        ScimClient.Answer revoked = directory.get("/Users");
        assertEquals(401, revoked.status());
        assertTrue(revoked.isScimError(), revoked.toString());
        assertEquals(200, directory.withToken(newToken).get("/Users").status());
        JsonNode tokens = api.get("/orgs/" + orgId + "/scim-directories").body().get(0).get("tokens");
        assertEquals(1, tokens.size());
        assertTrue(tokens.get(0).hasNonNull("lastUsedAt"), "last use is recorded: " + tokens);
    }

    @Test
    void a_provisioned_user_is_a_managed_member_with_the_default_role() {
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Directory");
        ScimClient.Answer created = directory.post("/Users", json(Map.of(
                "schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                "userName", "Ada@" + domain,
                "name", Map.of("givenName", "Ada", "familyName", "Lovelace"),
                "emails", List.of(Map.of("value", "ada@" + domain, "primary", true, "type", "work")),
                "externalId", "okta-123")));

        assertEquals(201, created.status(), created.toString());
        JsonNode user = created.body();
        String id = user.get("id").asText();
        assertEquals("Ada@" + domain, user.get("userName").asText(), "userName as the directory sent it");
        assertEquals("okta-123", user.get("externalId").asText());
        assertTrue(realm.admin().organizations().get(orgId).members().member(id).toRepresentation() != null);
        assertTrue(realm.admin().organizations().get(orgId).members().getAll().stream().anyMatch(m -> m.getId().equals(id)));
        ScimClient.Answer roleGroup = directory.get("/Groups?filter=" + GatehouseApi.query("displayName eq \"member\""));
        assertEquals(1, roleGroup.body().get("totalResults").asInt(), roleGroup.toString());
        assertEquals(id, roleGroup.body().at("/Resources/0/members/0/value").asText(), "joined the org's default-role group: " + roleGroup);
    }

    @Test
    void deactivation_disables_and_keeps_the_user_and_reactivation_brings_them_back() {
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Directory");
        String id = createUser(directory, "grace@" + domain);

        ScimClient.Answer off = directory.patch("/Users/" + id,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}");
        assertEquals(200, off.status(), off.toString());
        UserRepresentation stored = realm.admin().users().get(id).toRepresentation();
        assertFalse(stored.isEnabled());
        assertEquals("grace@" + domain, stored.getEmail());

        ScimClient.Answer on = directory.patch("/Users/" + id,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}");
        assertEquals(200, on.status(), on.toString());
        assertTrue(realm.admin().users().get(id).toRepresentation().isEnabled());
    }

    @Test
    void delete_removes_the_user_unless_the_org_turns_it_into_deactivation() {
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Directory");
        String deleted = createUser(directory, "gone@" + domain);
        assertEquals(204, directory.delete("/Users/" + deleted).status());
        assertTrue(realm.admin().users().search("gone@" + domain, true).isEmpty());

        assertEquals(200, api.put("/orgs/" + orgId, json(Map.of("policies", Map.of("scimDeleteDeactivates", true)))).status());
        JsonNode change = api.get("/orgs/" + orgId + "/activity").body().get(0);
        assertEquals("org.policies_changed", change.get("kind").asText(), change.toString());
        assertEquals("scimDeleteDeactivates: false → true", change.get("detail").asText());
        String kept = createUser(directory, "kept@" + domain);
        assertEquals(204, directory.delete("/Users/" + kept).status());
        assertFalse(realm.admin().users().get(kept).toRepresentation().isEnabled());
    }

    @Test
    void writes_are_admin_events_on_behalf_of_the_directory_and_refusals_are_in_the_activity_log() {
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Directory");
        String id = createUser(directory, "audited@" + domain);
        ScimClient.Answer refused = directory.post("/Users",
                json(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"), "userName", "intruder@elsewhere.test")));
        assertEquals(400, refused.status(), refused.toString());

        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        AdminEventRepresentation create = events.stream().filter(e -> ("users/" + id).equals(e.getResourcePath())).findFirst().orElseThrow();
        assertEquals("CREATE", create.getOperationType());
        assertEquals(directory.id(), create.getAuthDetails().getUserId());
        assertEquals("gatehouse-scim", create.getAuthDetails().getClientId());
        assertTrue(events.stream().anyMatch(e -> e.getError() != null && e.getError().contains("elsewhere.test")
                && directory.id().equals(e.getAuthDetails().getUserId())), "the refusal is an admin event with its reason");
        JsonNode activity = api.get("/orgs/" + orgId + "/activity").body();
        assertEquals("REFUSED", activity.get(0).get("outcome").asText(), "newest first: " + activity);
        assertEquals("scim.user.create", activity.get(0).get("kind").asText());
        assertTrue(activity.get(0).get("detail").asText().contains("outside this organization's domains"), activity.toString());
        assertEquals("SUCCESS", activity.get(1).get("outcome").asText());
        assertEquals("users/" + id, activity.get(1).get("subject").asText());
        JsonNode listed = api.get("/orgs/" + orgId + "/scim-directories").body().get(0);
        assertNotNull(listed.get("lastSyncAt").asText(null));
        assertTrue(listed.get("lastError").asText().contains("elsewhere.test"), listed.toString());
    }

    @Test
    void an_oauth_client_bound_to_the_directory_calls_it_with_a_scim_scoped_token() throws IOException {
        String bound = confidentialClient("scim-bound-" + OrgApiTest.unique());
        String other = confidentialClient("scim-other-" + OrgApiTest.unique());
        ApiResponse created = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "Entra", "oauthClientId", bound)));
        assertEquals(201, created.status(), created.toString());
        String baseUrl = created.body().get("baseUrl").asText();

        assertEquals(200, ScimClient.at(baseUrl, clientToken(bound, "scim")).get("/Users").status());
        assertEquals(401, ScimClient.at(baseUrl, clientToken(bound, null)).get("/Users").status(), "a token without scope scim");
        assertEquals(401, ScimClient.at(baseUrl, clientToken(other, "scim")).get("/Users").status(), "another client's token");
        assertEquals(400, api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("oauthClientId", "no-such-client"))).status());
    }

    @Test
    void a_persons_token_of_the_bound_client_is_refused_even_with_scope_scim() throws IOException {
        String bound = confidentialClient("scim-interactive-" + OrgApiTest.unique(), true);
        String baseUrl = api.post("/orgs/" + orgId + "/scim-directories", json(Map.of("name", "Entra", "oauthClientId", bound)))
                .body().get("baseUrl").asText();
        String person = "operator-" + OrgApiTest.unique();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(person);
        user.setEmail(person + "@elsewhere.test");
        user.setFirstName("Op");
        user.setLastName("Erator");
        user.setEnabled(true);
        user.setCredentials(List.of(password("pw-" + person)));
        try (Response response = realm.admin().users().create(user)) {
            assertEquals(201, response.getStatus());
        }

        String personal = passwordToken(bound, person, "pw-" + person, "scim");
        assertTrue(JSON.readTree(Base64.getUrlDecoder().decode(personal.split("\\.")[1])).get("scope").asText().contains("scim"),
                "the person's token carries scope scim");
        ScimClient.Answer refused = ScimClient.at(baseUrl, personal).get("/Users");
        assertEquals(401, refused.status(), refused.toString());
        assertTrue(refused.isScimError(), refused.toString());
        assertEquals("A valid bearer token of this directory is required.", refused.detail(), "says nothing of why");
        assertEquals(401, ScimClient.at(baseUrl, personal).post("/Users", json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA),
                "userName", "planted@" + domain))).status());
        assertTrue(realm.admin().users().search("planted@" + domain, true).isEmpty());

        assertEquals(200, ScimClient.at(baseUrl, clientToken(bound, "scim")).get("/Users").status(), "the client's own token still works");
    }

    private String confidentialClient(String clientId) {
        return confidentialClient(clientId, false);
    }

    /** @param interactive whether people can sign in to the client too (standard flow and password grant) */
    private String confidentialClient(String clientId, boolean interactive) {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setSecret("secret-" + clientId);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(interactive);
        client.setDirectAccessGrantsEnabled(interactive);
        if (interactive) {
            client.setRedirectUris(List.of("https://app.example.test/*"));
        }
        try (Response response = realm.admin().clients().create(client)) {
            assertEquals(201, response.getStatus());
        }
        String id = realm.admin().clients().findByClientId(clientId).get(0).getId();
        realm.admin().clients().get(id).addOptionalClientScope(scimScope());
        return clientId;
    }

    private String scimScope() {
        return realm.admin().clientScopes().findAll().stream().filter(s -> "scim".equals(s.getName())).findFirst()
                .map(ClientScopeRepresentation::getId)
                .orElseGet(() -> {
                    ClientScopeRepresentation scope = new ClientScopeRepresentation();
                    scope.setName("scim");
                    scope.setProtocol("openid-connect");
                    scope.setAttributes(Map.of("include.in.token.scope", "true"));
                    try (Response response = realm.admin().clientScopes().create(scope)) {
                        assertEquals(201, response.getStatus());
                    }
                    return scimScope();
                });
    }

    private String clientToken(String clientId, String scope) throws IOException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=secret-" + clientId
                + (scope == null ? "" : "&scope=" + scope);
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName()
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, token.statusCode(), token.body());
        return JSON.readTree(token.body()).get("access_token").asText();
    }

    private String passwordToken(String clientId, String username, String password, String scope) throws IOException {
        String form = "grant_type=password&client_id=" + clientId + "&client_secret=secret-" + clientId
                + "&username=" + username + "&password=" + password + "&scope=" + scope;
        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName()
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertEquals(200, token.statusCode(), token.body());
        return JSON.readTree(token.body()).get("access_token").asText();
    }

    private static CredentialRepresentation password(String value) {
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setValue(value);
        credential.setTemporary(false);
        return credential;
    }

    private String createUser(ScimClient directory, String userName) {
        return directory.createUser(json(Map.of("schemas", List.of(ScimClient.USER_SCHEMA), "userName", userName,
                "emails", List.of(Map.of("value", userName, "primary", true)))));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
