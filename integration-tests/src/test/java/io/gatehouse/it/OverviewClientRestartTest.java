package io.gatehouse.it;

import io.gatehouse.it.support.KeycloakDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overview page's client as an older Gatehouse left it (any /realms/ URL as redirect, full
 * scope) or as an admin widened it is put back when the server starts, and a deleted one is made
 * again, recorded as an admin event of master made by Gatehouse. A server of its own from
 * the release zip, restarted, on its own ports beside the shared test server.
 */
class OverviewClientRestartTest {

    private static final String BASE = "http://localhost:18081";
    private static final String[] START = {"start-dev", "--http-port=18081", "--http-management-port=19001"};
    private static final Set<String> PAGE_ROLES = Set.of("view-organizations", "manage-organizations",
            "query-users", "view-users", "view-identity-providers", "view-events");

    @Test
    void a_widened_page_client_is_narrowed_again_at_the_next_start(@TempDir Path tmp) throws Exception {
        try (KeycloakDistribution keycloak = KeycloakDistribution.unpack(Path.of(System.getenv("GATEHOUSE_IT_KEYCLOAK_ZIP")), tmp)) {
            keycloak.installProviders(Path.of(System.getenv("GATEHOUSE_IT_PROVIDERS_DIR")));
            assertEquals(0, keycloak.run(Duration.ofMinutes(5), "build"), String.join("\n", keycloak.output()));
            keycloak.startServer(Duration.ofMinutes(5), START);

            try (Keycloak admin = Keycloak.getInstance(BASE, "master", "admin", "admin", "admin-cli")) {
                ClientRepresentation client = pageClient(admin);
                client.setRedirectUris(List.of("/realms/*"));
                client.setFullScopeAllowed(true);
                client.setImplicitFlowEnabled(true);
                client.setDirectAccessGrantsEnabled(true);
                master(admin).clients().get(client.getId()).update(client);
                ClientResource resource = master(admin).clients().get(client.getId());
                String management = master(admin).clients().findByClientId("master-realm").get(0).getId();
                resource.getScopeMappings().clientLevel(management).add(
                        List.of(master(admin).clients().get(management).roles().get("manage-realm").toRepresentation()));
                resource.getScopeMappings().realmLevel().add(List.of(master(admin).roles().get("admin").toRepresentation()));
                assertEquals(List.of("/realms/*"), pageClient(admin).getRedirectUris());
            }

            keycloak.stopServer();
            keycloak.startServer(Duration.ofMinutes(5), START);

            try (Keycloak admin = Keycloak.getInstance(BASE, "master", "admin", "admin", "admin-cli")) {
                ClientRepresentation client = pageClient(admin);
                assertEquals(List.of("/realms/master/gatehouse-admin/"), client.getRedirectUris());
                assertFalse(client.isFullScopeAllowed());
                assertFalse(client.isImplicitFlowEnabled());
                assertFalse(client.isDirectAccessGrantsEnabled());
                String management = master(admin).clients().findByClientId("master-realm").get(0).getId();
                Set<String> scoped = master(admin).clients().get(client.getId()).getScopeMappings().clientLevel(management).listAll().stream()
                        .map(RoleRepresentation::getName).collect(Collectors.toSet());
                assertEquals(PAGE_ROLES, scoped, "manage-realm is taken out of its scope again");
                assertTrue(master(admin).clients().get(client.getId()).getScopeMappings().realmLevel().listAll().isEmpty(), "and the admin role");

                RealmRepresentation settings = master(admin).toRepresentation();
                settings.setAdminEventsEnabled(true);
                settings.setAdminEventsDetailsEnabled(true);
                master(admin).update(settings);
                master(admin).clients().get(client.getId()).remove();
            }

            keycloak.stopServer();
            keycloak.startServer(Duration.ofMinutes(5), START);

            try (Keycloak admin = Keycloak.getInstance(BASE, "master", "admin", "admin", "admin-cli")) {
                ClientRepresentation client = pageClient(admin);
                List<AdminEventRepresentation> created = master(admin).getAdminEvents().stream()
                        .filter(e -> "CLIENT".equals(e.getResourceType()) && "CREATE".equals(e.getOperationType())
                                && ("clients/" + client.getId()).equals(e.getResourcePath()))
                        .toList();
                assertEquals(1, created.size(), "a deleted page client comes back at the next start, as an admin event of master");
                assertEquals("gatehouse", created.get(0).getDetails().get("actor"), "made by Gatehouse itself, not by an admin");
                assertNull(created.get(0).getAuthDetails().getUserId(), "no user");
                assertTrue(created.get(0).getRepresentation().contains("gatehouse-console"), created.get(0).getRepresentation());
            }
        }
    }

    private static ClientRepresentation pageClient(Keycloak admin) {
        List<ClientRepresentation> found = master(admin).clients().findByClientId("gatehouse-console");
        assertEquals(1, found.size(), "the page's client is there from the start");
        return found.get(0);
    }

    private static RealmResource master(Keycloak admin) {
        return admin.realm("master");
    }
}
