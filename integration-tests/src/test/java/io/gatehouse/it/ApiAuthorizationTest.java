package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.server.KeycloakUrls;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API is authorized like Keycloak's own organization endpoints. */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ApiAuthorizationTest {

    private static final String PASSWORD = "Passw0rd!-long-enough";

    @InjectRealm(config = RealmWithOrgAdmins.class)
    ManagedRealm realm;

    @InjectRealm(ref = "neighbour", config = OrgRealm.class)
    ManagedRealm neighbour;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @Test
    void no_token_is_401() {
        ApiResponse response = api(null).get("/orgs");
        assertEquals(401, response.status());
    }

    @Test
    void a_user_without_admin_roles_is_403_with_a_json_error() {
        ApiResponse response = api("nobody").get("/orgs");
        assertEquals(403, response.status());
        assertEquals("forbidden", response.error());
        assertTrue(response.message().contains("query-organizations"), response.message());
    }

    @Test
    void view_organizations_may_read_but_not_write() {
        String id = api(null, admin.tokenManager().getAccessTokenString()).createOrg(json(Map.of("name", "Viewable " + OrgApiTest.unique(),
                "domains", List.of("viewable-" + OrgApiTest.unique() + ".test")))).body().get("id").asText();
        GatehouseApi viewer = api("viewer");

        assertEquals(200, viewer.get("/orgs").status());
        assertEquals(200, viewer.get("/orgs/" + id).status());
        ApiResponse members = viewer.get("/orgs/" + id + "/members");
        assertEquals(403, members.status(), "members' emails need query-users, as Keycloak's own members endpoint");
        assertTrue(members.message().contains("query-users"), members.message());
        ApiResponse write = viewer.createOrg(json(Map.of("name", "Nope", "domains", List.of("nope.test"))));
        assertEquals(403, write.status());
        assertEquals("forbidden", write.error());
        assertEquals(403, viewer.delete("/orgs/" + id).status());
        assertEquals(200, viewer.get("/orgs/" + id).status());
    }

    @Test
    void manage_organizations_may_write() {
        ApiResponse created = api("manager").createOrg(json(Map.of("name", "Managed " + OrgApiTest.unique(),
                "domains", List.of("managed-" + OrgApiTest.unique() + ".test"))));
        assertEquals(201, created.status(), created.toString());
    }

    @Test
    void deleting_an_org_deletes_its_connections_so_it_needs_manage_identity_providers_too() {
        GatehouseApi superAdmin = api(null, admin.tokenManager().getAccessTokenString());
        String id = superAdmin.createOrg("Connected " + OrgApiTest.unique(), "connected-" + OrgApiTest.unique() + ".test");
        String alias = "linked-" + OrgApiTest.unique();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setConfig(Map.of("clientId", "gatehouse", "clientSecret", "secret", "clientAuthMethod", "client_secret_post",
                "authorizationUrl", "https://idp.example.test/auth", "tokenUrl", "https://idp.example.test/token"));
        realm.admin().identityProviders().create(idp).close();
        realm.admin().organizations().get(id).identityProviders().addIdentityProvider(alias).close();

        ApiResponse refused = api("manager").delete("/orgs/" + id);
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("manage-identity-providers"), refused.message());
        assertEquals(200, superAdmin.get("/orgs/" + id).status(), "nothing deleted");
        assertEquals(alias, realm.admin().identityProviders().get(alias).toRepresentation().getAlias());

        assertEquals(204, api("idpManager").delete("/orgs/" + id).status());
        assertTrue(realm.admin().identityProviders().findAll().stream().noneMatch(p -> alias.equals(p.getAlias())), "its connection went with it");
    }

    @Test
    void binding_an_oauth_client_to_a_directory_needs_manage_clients() {
        GatehouseApi superAdmin = api(null, admin.tokenManager().getAccessTokenString());
        String id = superAdmin.createOrg("Bound " + OrgApiTest.unique(), "bound-" + OrgApiTest.unique() + ".test");
        String clientId = "provisioning-" + OrgApiTest.unique();
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(clientId);
        client.setPublicClient(false);
        client.setServiceAccountsEnabled(true);
        client.setStandardFlowEnabled(false);
        realm.admin().clients().create(client).close();

        ApiResponse refused = api("provisioner").post("/orgs/" + id + "/scim-directories", json(Map.of("name", "Entra", "oauthClientId", clientId)));
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.message().contains("manage-clients"), refused.message());
        assertEquals(0, superAdmin.get("/orgs/" + id + "/scim-directories").body().size(), "no directory created");

        assertEquals(201, api("provisioner").post("/orgs/" + id + "/scim-directories", json(Map.of("name", "Okta"))).status(),
                "a directory with its own tokens needs no client rights");
        assertEquals(201, superAdmin.post("/orgs/" + id + "/scim-directories", json(Map.of("name", "Entra", "oauthClientId", clientId))).status());
    }

    @Test
    void another_realms_organization_is_not_found_here_on_any_route() {
        String theirs = new GatehouseApi(urls.getBase(), neighbour.getName(), () -> admin.tokenManager().getAccessTokenString())
                .createOrg("Neighbour " + OrgApiTest.unique(), "neighbour-" + OrgApiTest.unique() + ".test");
        GatehouseApi here = api(null, admin.tokenManager().getAccessTokenString());
        for (String path : List.of("/orgs/" + theirs, "/orgs/" + theirs + "/members", "/orgs/" + theirs + "/connections", "/orgs/" + theirs + "/activity")) {
            ApiResponse response = here.get(path);
            assertEquals(404, response.status(), path + ": " + response);
            assertEquals("org_not_found", response.error());
        }
        assertEquals(404, here.delete("/orgs/" + theirs).status());
        assertEquals(200, new GatehouseApi(urls.getBase(), neighbour.getName(), () -> admin.tokenManager().getAccessTokenString())
                .get("/orgs/" + theirs).status(), "it is still there in its own realm");
    }

    @Test
    void publishes_an_openapi_description_of_every_route() {
        JsonNode spec = api("viewer").get("/openapi.json").body();
        assertEquals("3.0.3", spec.get("openapi").asText());
        JsonNode paths = spec.get("paths");
        for (String path : List.of("/orgs", "/orgs/{id}", "/orgs/{id}/domains/{domain}/verification",
                "/orgs/{id}/connections", "/orgs/{id}/connections/{connectionId}", "/orgs/{id}/scim-directories",
                "/orgs/{id}/scim-directories/{directoryId}", "/orgs/{id}/scim-directories/{directoryId}/tokens",
                "/orgs/{id}/scim-directories/{directoryId}/tokens/{tokenId}", "/orgs/{id}/setup-links",
                "/orgs/{id}/setup-links/{linkId}", "/orgs/{id}/activity", "/orgs/{id}/invitations", "/orgs/{id}/members", "/orgs/{id}/members/{userId}/roles", "/orgs/{id}/support-account",
                "/regions", "/orgs/{id}/connections/{connectionId}/state")) {
            assertTrue(paths.has(path), "missing " + path);
        }
        assertTrue(paths.get("/orgs").has("post") && paths.get("/orgs").has("get"));
        assertTrue(paths.get("/orgs/{id}").has("put") && paths.get("/orgs/{id}").has("delete"));
    }

    private GatehouseApi api(String username) {
        return api(username, username == null ? null : passwordToken(username));
    }

    private GatehouseApi api(String username, String token) {
        return new GatehouseApi(urls.getBase(), realm.getName(), () -> token);
    }

    private String passwordToken(String username) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName() + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + username + "&password=" + PASSWORD))
                    .build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return new ObjectMapper().readTree(response.body()).get("access_token").asText();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class RealmWithOrgAdmins implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return new OrgRealm().configure(realm).users(
                    user("nobody"),
                    user("viewer").clientRoles("realm-management", "view-organizations"),
                    user("manager").clientRoles("realm-management", "manage-organizations"),
                    user("idpManager").clientRoles("realm-management", "manage-organizations", "manage-identity-providers"),
                    user("provisioner").clientRoles("realm-management", "manage-organizations", "manage-users"));
        }

        private static UserBuilder user(String name) {
            return UserBuilder.create().username(name).email(name + "@example.test").firstName(name).lastName("Test")
                    .emailVerified(true).enabled(true).password(PASSWORD);
        }
    }
}
