package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.OrgRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The console's onboarding item belongs to the organization Gatehouse created for it, and to no
 * other: the organization id is Gatehouse's to set, whatever a request to Keycloak's component
 * endpoint (what the console's Save sends) carries in it.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class ConsoleOnboardingItemTest {

    private static final String PAGE_PROVIDER = "org.keycloak.services.ui.extend.UiPageProvider";

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    String victimId;
    String victimDomain;

    @BeforeEach
    void victim() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        victimDomain = "victim-" + OrgApiTest.unique() + ".test";
        victimId = api.createOrg("Victim " + victimDomain, victimDomain);
    }

    @Test
    void a_create_that_names_another_organization_creates_its_own_and_leaves_the_other_alone() {
        String domain = "item-" + OrgApiTest.unique() + ".test";
        ComponentRepresentation item = item("Item " + domain, domain);
        item.getConfig().putSingle("organizationId", victimId);
        item.getConfig().putSingle("overview", "https://evil.test/");

        String itemId;
        try (Response created = realm.admin().components().add(item)) {
            assertEquals(201, created.getStatus());
            String location = created.getLocation().getPath();
            itemId = location.substring(location.lastIndexOf('/') + 1);
        }

        ComponentRepresentation stored = realm.admin().components().component(itemId).toRepresentation();
        String linked = stored.getConfig().getFirst("organizationId");
        assertNotEquals(victimId, linked, "the item is linked to the organization it created, not the one it named");
        assertEquals("Item " + domain, api.get("/orgs/" + linked).body().get("name").asText());
        assertEquals(domain, api.get("/orgs/" + linked).body().at("/domains/0/name").asText());
        assertEquals(urls.getBase() + "/realms/master/gatehouse-admin/?realm=" + realm.getName() + "&org=" + linked,
                stored.getConfig().getFirst("overview"));

        JsonNode victim = api.get("/orgs/" + victimId).body();
        assertEquals("Victim " + victimDomain, victim.get("name").asText(), "the named organization is untouched");
        assertEquals(List.of(victimDomain), List.of(victim.at("/domains/0/name").asText()));
        assertEquals(1, victim.get("domains").size());
    }

    @Test
    void an_edit_that_names_another_organization_changes_only_its_own() {
        String domain = "edit-" + OrgApiTest.unique() + ".test";
        String itemId;
        try (Response created = realm.admin().components().add(item("Edit " + domain, domain))) {
            String location = created.getLocation().getPath();
            itemId = location.substring(location.lastIndexOf('/') + 1);
        }
        ComponentRepresentation stored = realm.admin().components().component(itemId).toRepresentation();
        String own = stored.getConfig().getFirst("organizationId");

        stored.getConfig().putSingle("organizationId", victimId);
        stored.getConfig().putSingle("name", "Renamed " + domain);
        realm.admin().components().component(itemId).update(stored);

        assertEquals(own, realm.admin().components().component(itemId).toRepresentation().getConfig().getFirst("organizationId"));
        assertEquals("Renamed " + domain, api.get("/orgs/" + own).body().get("name").asText(), "the edit went to the item's own organization");
        assertEquals("Victim " + victimDomain, api.get("/orgs/" + victimId).body().get("name").asText(), "and not to the one it named");
    }

    private ComponentRepresentation item(String name, String domain) {
        ComponentRepresentation item = new ComponentRepresentation();
        item.setName("gatehouse-onboarding");
        item.setProviderId("gatehouse-onboarding");
        item.setProviderType(PAGE_PROVIDER);
        item.setParentId(realm.admin().toRepresentation().getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("name", name);
        config.put("domains", List.of(domain));
        item.setConfig(config);
        return item;
    }
}
