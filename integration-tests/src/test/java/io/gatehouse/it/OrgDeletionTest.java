package io.gatehouse.it;

import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.BrowserlessUser.Page;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.SsoRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offboarding a customer: deleting its organization, through either API, takes its connections with
 * it, and a connection left without an organization signs no one in.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class OrgDeletionTest {

    @InjectRealm(ref = "sso", config = SsoRealm.class)
    ManagedRealm sso;

    @InjectRealm(ref = "customer", config = CustomerIdpRealm.class)
    ManagedRealm customer;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    GatehouseApi api;
    BrokeredLogins logins;
    String domain;
    String orgId;

    @BeforeEach
    void onboard() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        domain = "offboarded-" + OrgApiTest.unique() + ".test";
        orgId = api.createOrg("Offboarded " + domain, domain);
    }

    @Test
    void deleting_an_org_through_gatehouse_removes_its_saml_and_oidc_connections() {
        List<String> connections = List.of(logins.connect(orgId, "oidc"), logins.connect(orgId, "saml"));

        assertEquals(204, api.delete("/orgs/" + orgId).status());

        for (String alias : connections) {
            assertFalse(idpExists(alias), "connection " + alias + " must go with its organization");
        }
    }

    @Test
    void deleting_an_org_through_keycloaks_own_api_removes_its_connections() {
        List<String> connections = List.of(logins.connect(orgId, "oidc"), logins.connect(orgId, "saml"));

        RealmRepresentation settings = sso.admin().toRepresentation();
        settings.setAdminEventsEnabled(true);
        settings.setAdminEventsDetailsEnabled(true);
        sso.admin().update(settings);
        try (Response deleted = sso.admin().organizations().get(orgId).delete()) {
            assertEquals(204, deleted.getStatus());
        }

        for (String alias : connections) {
            assertFalse(idpExists(alias), "connection " + alias + " must go with its organization");
            List<AdminEventRepresentation> removed = sso.admin().getAdminEvents().stream()
                    .filter(e -> "IDENTITY_PROVIDER".equals(e.getResourceType()) && "DELETE".equals(e.getOperationType())
                            && ("identity-provider/instances/" + alias).equals(e.getResourcePath()))
                    .toList();
            assertEquals(1, removed.size(), "the deletion of " + alias + " is an admin event");
            assertEquals("gatehouse", removed.get(0).getDetails().get("actor"));
            assertEquals("organization_deleted", removed.get(0).getDetails().get("reason"));
            assertTrue(removed.get(0).getRepresentation().contains(orgId), removed.get(0).getRepresentation());
        }
    }

    @Test
    void deleting_an_org_leaves_other_orgs_connections_alone() {
        String otherDomain = "stays-" + OrgApiTest.unique() + ".test";
        String other = logins.connect(api.createOrg("Stays " + otherDomain, otherDomain), "oidc");
        logins.connect(orgId, "oidc");

        assertEquals(204, api.delete("/orgs/" + orgId).status());

        assertTrue(idpExists(other));
        BrokeredLogins.assertSignedIn(logins.login(other, logins.idpUser("still@" + otherDomain)));
    }

    @Test
    void an_idp_unlinked_from_its_org_that_still_carries_the_check_signs_no_one_in() {
        String alias = logins.connect(orgId, "oidc");
        BrokeredLogins.assertSignedIn(logins.login(alias, logins.idpUser("before@" + domain)));

        try (Response unlinked = sso.admin().organizations().get(orgId).identityProviders().get(alias).delete()) {
            assertEquals(204, unlinked.getStatus());
        }
        IdentityProviderRepresentation idp = sso.admin().identityProviders().get(alias).toRepresentation();
        assertNull(idp.getOrganizationId());
        assertTrue(idp.isEnabled(), "Keycloak leaves the unlinked IdP enabled");

        for (String email : List.of("after@" + domain, "anyone@elsewhere-" + OrgApiTest.unique() + ".test")) {
            Page page = logins.login(alias, logins.idpUser(email));
            BrokeredLogins.assertRefused(page);
            assertFalse(page.body().contains(domain), "the page must not name the domains");
            logins.assertNoSpUser(email);
            assertEquals("organization_not_found", logins.lastRefusalReason());
        }
    }

    private boolean idpExists(String alias) {
        return sso.admin().identityProviders().findAll().stream().anyMatch(idp -> idp.getAlias().equals(alias));
    }
}
