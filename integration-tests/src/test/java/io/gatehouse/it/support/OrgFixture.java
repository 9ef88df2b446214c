package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.OrganizationInvitationRepresentation;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;

/**
 * An organization the super admin set up, with what the management API's routes act on: a member,
 * a started domain verification and a SCIM directory (for a furnished org), and, on demand, a fresh
 * connection, directory, token, setup link or invitation for a call that uses one up. Answers, too,
 * what is still there, to show that a refused call changed nothing.
 */
public final class OrgFixture {

    private final GatehouseApi superAdmin;
    private final RealmResource realm;
    public final String id;
    public final String name;
    public final String alias;
    public final String domain;
    public final String externalId;
    /** A member of the org (furnished orgs only). */
    public final String memberId;
    /** A SCIM directory of the org (furnished orgs only). */
    public final String directoryId;

    private OrgFixture(GatehouseApi superAdmin, RealmResource realm, String id, String name, String alias, String domain, String externalId,
                       String memberId, String directoryId) {
        this.superAdmin = superAdmin;
        this.realm = realm;
        this.id = id;
        this.name = name;
        this.alias = alias;
        this.domain = domain;
        this.externalId = externalId;
        this.memberId = memberId;
        this.directoryId = directoryId;
    }

    /** Just the organization, with one domain and an external ID. */
    public static OrgFixture create(GatehouseApi superAdmin, RealmResource realm, String label) {
        String suffix = label + "-" + unique();
        String name = "Matrix " + suffix;
        String domain = suffix + ".test";
        ApiResponse created = superAdmin.createOrg(json(Map.of("name", name, "alias", suffix, "domains", List.of(domain),
                "externalId", "ext-" + suffix)));
        require(201, created, "org " + name);
        return new OrgFixture(superAdmin, realm, created.body().get("id").asText(), name, suffix, domain, "ext-" + suffix, null, null);
    }

    /** An organization with a member, a started verification of its domain and a SCIM directory. */
    public static OrgFixture createFurnished(GatehouseApi superAdmin, RealmResource realm, String label, String memberPassword) {
        OrgFixture org = create(superAdmin, realm, label);
        String member = "member-" + org.domain;
        TestUsers.create(realm, member, "member@" + org.domain, true, memberPassword);
        String memberId = realm.users().search(member, true).get(0).getId();
        try (Response added = realm.organizations().get(org.id).members().addMember(memberId)) {
            if (added.getStatus() != 201) {
                throw new IllegalStateException("Could not add " + member + " to " + org.name + ": " + added.getStatus());
            }
        }
        require(200, superAdmin.post("/orgs/" + org.id + "/domains/" + org.domain + "/verification", ""), "verification of " + org.domain);
        ApiResponse directory = superAdmin.post("/orgs/" + org.id + "/scim-directories", json(Map.of("name", "shared")));
        require(201, directory, "directory of " + org.name);
        return new OrgFixture(superAdmin, realm, org.id, org.name, org.alias, org.domain, org.externalId, memberId, directory.body().get("id").asText());
    }

    public String path() {
        return "/orgs/" + id;
    }

    public String newConnection() {
        ApiResponse created = superAdmin.post(path() + "/connections", json(Map.of("type", "saml",
                "metadataXml", SamlIdpMetadata.of("https://idp-" + unique() + ".test/entity"))));
        return require(201, created, "connection of " + name).body().get("id").asText();
    }

    /**
     * A connection made with Keycloak's own API (an OIDC identity provider linked to the org), as before
     * connection states existed: Gatehouse recorded no state for it, so it is active without a test.
     */
    public String linkedConnection() {
        String alias = "linked-" + unique();
        IdentityProviderRepresentation idp = new IdentityProviderRepresentation();
        idp.setAlias(alias);
        idp.setProviderId("oidc");
        idp.setEnabled(true);
        idp.setConfig(Map.of("clientId", "app", "clientSecret", "secret", "authorizationUrl", "https://idp-" + alias + ".test/auth",
                "tokenUrl", "https://idp-" + alias + ".test/token", "clientAuthMethod", "client_secret_post"));
        try (Response created = realm.identityProviders().create(idp);
             Response linked = realm.organizations().get(id).identityProviders().addIdentityProvider(alias)) {
            if (created.getStatus() != 201 || linked.getStatus() / 100 != 2) {
                throw new IllegalStateException("Keycloak could not create and link " + alias + " to " + name + ": "
                        + created.getStatus() + ", " + linked.getStatus());
            }
        }
        return alias;
    }

    public String newDirectory() {
        return require(201, superAdmin.post(path() + "/scim-directories", json(Map.of("name", "fresh-" + unique()))), "directory of " + name)
                .body().get("id").asText();
    }

    /** A new token of the org's shared directory. */
    public String newToken() {
        return require(201, superAdmin.post(path() + "/scim-directories/" + directoryId + "/tokens", ""), "token of " + name)
                .body().get("id").asText();
    }

    public String newSetupLink() {
        return require(201, superAdmin.post(path() + "/setup-links", json(Map.of("intents", List.of("domain")))), "setup link of " + name)
                .body().get("id").asText();
    }

    /** Invites someone as the org's admin; answers the id of Keycloak's invitation. */
    public String newInvitation() {
        String email = "invitee-" + unique() + "@" + domain;
        require(201, superAdmin.post(path() + "/invitations", json(Map.of("email", email))), "invitation to " + email);
        return realm.organizations().get(id).invitations().list().stream()
                .filter(invitation -> email.equals(invitation.getEmail()))
                .map(OrganizationInvitationRepresentation::getId)
                .findFirst().orElseThrow(() -> new IllegalStateException("Keycloak has no invitation to " + email));
    }

    public boolean exists() {
        return superAdmin.get(path()).status() == 200;
    }

    public String attribute(String key) {
        return superAdmin.get(path()).body().path("attributes").path(key).path(0).asText(null);
    }

    public List<String> connectionIds() {
        return ids(superAdmin.get(path() + "/connections").body());
    }

    public List<String> directoryIds() {
        return ids(superAdmin.get(path() + "/scim-directories").body());
    }

    public List<String> tokenIds() {
        JsonNode directories = superAdmin.get(path() + "/scim-directories").body();
        return StreamSupport.stream(directories.spliterator(), false)
                .filter(directory -> directory.path("id").asText().equals(directoryId))
                .flatMap(directory -> ids(directory.path("tokens")).stream())
                .toList();
    }

    public List<String> activeSetupLinkIds() {
        return StreamSupport.stream(superAdmin.get(path() + "/setup-links").body().spliterator(), false)
                .filter(link -> "ACTIVE".equals(link.path("state").asText()))
                .map(link -> link.path("id").asText())
                .toList();
    }

    public List<String> invitationIds() {
        return realm.organizations().get(id).invitations().list().stream().map(OrganizationInvitationRepresentation::getId).toList();
    }

    public static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static List<String> ids(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }

    private static ApiResponse require(int status, ApiResponse response, String what) {
        if (response.status() != status) {
            throw new IllegalStateException("The super admin could not create " + what + ": " + response);
        }
        return response;
    }

    @Override
    public String toString() {
        return name;
    }
}
