package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.BrokeredLogins;
import io.gatehouse.it.support.CustomerIdpRealm;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.ScimClient;
import io.gatehouse.it.support.ScimClient.Answer;
import io.gatehouse.it.support.SsoRealm;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wildcard domains ({@code *.acme.test}, as Keycloak's organizations define them) and nested domains
 * across organizations: one address belongs to at most one organization, whichever API set the domains.
 */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class DomainCoverageTest {

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
    String acme;

    @BeforeEach
    void setUp() {
        api = BrokeredLogins.api(urls.getBase(), admin);
        logins = new BrokeredLogins(urls.getBase(), api, sso, customer);
        acme = "acme-" + OrgApiTest.unique() + ".test";
    }

    @Test
    void a_wildcard_set_through_keycloaks_own_api_lets_its_subdomains_in_and_keeps_others_out() {
        String orgId = api.createOrg("Acme " + acme, acme);
        String alias = logins.connect(orgId, "oidc");
        setNativeDomains(orgId, "*." + acme);

        BrokeredLogins.assertSignedIn(logins.login(alias, logins.idpUser("x@eu." + acme)));
        BrokeredLogins.assertSignedIn(logins.login(alias, logins.idpUser("y@" + acme)));
        String outside = "x@evil-" + OrgApiTest.unique() + ".test";
        BrokeredLogins.assertRefused(logins.login(alias, logins.idpUser(outside)));
        logins.assertNoSpUser(outside);
        assertEquals("domain_not_allowed", logins.lastRefusalReason());
        BrokeredLogins.assertRefused(logins.login(alias, logins.idpUser("x@eu" + acme)));
    }

    @Test
    void scim_under_a_native_wildcard_creates_inside_users_and_refuses_outside_ones_with_400() {
        String orgId = api.createOrg("Acme " + acme, acme);
        ScimClient directory = ScimClient.newDirectory(api, orgId, "Acme Okta");
        setNativeDomains(orgId, "*." + acme);

        assertEquals(201, directory.post("/Users", scimUser("dev@eu." + acme)).status());
        Answer outside = directory.post("/Users", scimUser("dev@elsewhere-" + OrgApiTest.unique() + ".test"));
        assertEquals(400, outside.status(), outside.toString());
        assertTrue(outside.isScimError(), outside.toString());
    }

    @Test
    void the_api_takes_a_wildcard_and_keeps_it_on_an_update_that_leaves_domains_alone() {
        ApiResponse created = api.createOrg(json(Map.of("name", "Wild " + acme, "domains", List.of("*." + acme.toUpperCase()))));
        assertEquals(201, created.status(), created.toString());
        String id = created.body().get("id").asText();
        assertEquals("*." + acme, created.body().at("/domains/0/name").asText());

        ApiResponse updated = api.put("/orgs/" + id, json(Map.of("policies", Map.of("ssoRequired", false))));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals("*." + acme, updated.body().at("/domains/0/name").asText());

        for (String bad : List.of("*.*." + acme, "eu.*." + acme, "*", "*.com")) {
            ApiResponse refused = api.createOrg(json(Map.of("name", "Bad " + OrgApiTest.unique(), "domains", List.of(bad))));
            assertEquals(400, refused.status(), bad + ": " + refused);
            assertEquals("invalid_domain", refused.error());
        }
        ApiResponse publicMailbox = api.createOrg(json(Map.of("name", "Gmail " + OrgApiTest.unique(), "domains", List.of("*.gmail.com"))));
        assertEquals(400, publicMailbox.status(), publicMailbox.toString());
    }

    @Test
    void another_org_cannot_take_a_subdomain_of_a_domain_that_allows_subdomains() {
        String a = createOrg("A", List.of(acme), true);

        ApiResponse refused = api.createOrg(json(Map.of("name", "B " + acme, "domains", List.of("eu." + acme))));

        assertDomainTaken(refused, "eu." + acme, a);
        String b = createOrg("B", List.of("elsewhere-" + OrgApiTest.unique() + ".test"), false);
        assertDomainTaken(api.put("/orgs/" + b, json(Map.of("domains", List.of("eu." + acme)))), "eu." + acme, a);
    }

    @Test
    void another_org_cannot_take_a_subdomain_or_the_base_of_a_wildcard() {
        String a = createOrg("A", List.of("*." + acme), false);

        assertDomainTaken(api.createOrg(json(Map.of("name", "B " + acme, "domains", List.of("x.eu." + acme)))), "x.eu." + acme, a);
        assertDomainTaken(api.createOrg(json(Map.of("name", "C " + acme, "domains", List.of(acme)))), acme, a);
    }

    @Test
    void an_org_cannot_allow_subdomains_or_add_a_wildcard_over_another_orgs_subdomain() {
        String b = createOrg("B", List.of("eu." + acme), false);
        String a = createOrg("A", List.of(acme), false);

        assertDomainTaken(api.put("/orgs/" + a, json(Map.of("policies", Map.of("allowSubdomains", true)))), acme, b);
        assertDomainTaken(api.put("/orgs/" + a, json(Map.of("domains", List.of("*." + acme)))), acme, b);
        assertDomainTaken(api.createOrg(json(Map.of("name", "C " + acme, "domains", List.of("*." + acme)))), acme, b);
        assertFalse(api.get("/orgs/" + a).body().at("/policies/allowSubdomains").asBoolean(), "nothing was stored");
        assertEquals(200, api.put("/orgs/" + b, json(Map.of("policies", Map.of("allowSubdomains", true)))).status(),
                "subdomains of B's own domain are nobody else's");
    }

    @Test
    void when_keycloaks_api_nests_one_orgs_domain_in_anothers_the_most_specific_org_alone_gets_those_addresses() {
        String a = createOrg("A", List.of(acme), true);
        String aConnection = logins.connect(a, "oidc");
        OrganizationRepresentation b = new OrganizationRepresentation();
        b.setName("B " + acme);
        b.setAlias("b-" + OrgApiTest.unique());
        b.addDomain(new OrganizationDomainRepresentation("eu." + acme));
        try (Response created = sso.admin().organizations().create(b)) {
            assertEquals(201, created.getStatus(), "Keycloak's own API does not check nesting");
        }

        String nested = "x@eu." + acme;
        BrokeredLogins.assertRefused(logins.login(aConnection, logins.idpUser(nested)));
        logins.assertNoSpUser(nested);
        BrokeredLogins.assertSignedIn(logins.login(aConnection, logins.idpUser("x@us." + acme)));

        ScimClient aDirectory = ScimClient.newDirectory(api, a, "A Okta");
        assertEquals(400, aDirectory.post("/Users", scimUser("y@eu." + acme)).status());
        assertEquals(201, aDirectory.post("/Users", scimUser("y@us." + acme)).status());
        String shown = api.get("/orgs/" + a).rawBody();
        assertFalse(shown.contains("eu." + acme), "A's answer must not describe B: " + shown);
    }

    private String createOrg(String name, List<String> domains, boolean allowSubdomains) {
        ApiResponse created = api.createOrg(json(Map.of("name", name + " " + OrgApiTest.unique(), "domains", domains,
                "policies", Map.of("allowSubdomains", allowSubdomains))));
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    /** A 409 that names the requested domain and nothing of the organization that has it. */
    private void assertDomainTaken(ApiResponse answer, String requested, String ownerId) {
        assertEquals(409, answer.status(), answer.toString());
        assertEquals("domain_taken", answer.error());
        String message = answer.body().get("message").asText();
        assertTrue(message.contains(requested), message);
        JsonNode owner = api.get("/orgs/" + ownerId).body();
        assertFalse(message.contains(ownerId) || message.contains(owner.get("name").asText()), "no other tenant named: " + message);
    }

    private void setNativeDomains(String orgId, String... domains) {
        OrganizationRepresentation rep = sso.admin().organizations().get(orgId).toRepresentation();
        rep.getDomains().clear();
        for (String domain : domains) {
            rep.addDomain(new OrganizationDomainRepresentation(domain));
        }
        try (Response updated = sso.admin().organizations().get(orgId).update(rep)) {
            assertEquals(204, updated.getStatus(), "Keycloak takes " + List.of(domains));
        }
    }

    private static String scimUser(String email) {
        return "{\"schemas\":[\"" + ScimClient.USER_SCHEMA + "\"],\"userName\":\"" + email
                + "\",\"emails\":[{\"value\":\"" + email + "\",\"primary\":true}]}";
    }
}
