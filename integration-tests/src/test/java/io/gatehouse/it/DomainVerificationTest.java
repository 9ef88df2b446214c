package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ApiResponse;
import io.gatehouse.it.support.GatehouseApi;
import io.gatehouse.it.support.GatehouseServerConfig;
import io.gatehouse.it.support.LoopbackDns;
import io.gatehouse.it.support.OrgRealm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.OrganizationDomainRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.server.KeycloakUrls;

import java.util.List;
import java.util.Map;

import static io.gatehouse.it.support.GatehouseApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A customer proves a domain by publishing a TXT record on a real DNS server (dnsmasq on loopback). */
@KeycloakIntegrationTest(config = GatehouseServerConfig.class)
class DomainVerificationTest {

    private static final int THIRTY_ONE_DAYS = 31 * 24 * 3600;

    @InjectRealm(config = OrgRealm.class)
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak admin;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    GatehouseApi api;
    LoopbackDns dns = new LoopbackDns();
    String orgId;
    String domain;

    @BeforeEach
    void createOrg() {
        api = new GatehouseApi(urls.getBase(), realm.getName(), () -> admin.tokenManager().getAccessTokenString());
        domain = "verify-" + OrgApiTest.unique() + ".test";
        ApiResponse created = api.createOrg(json(Map.of("name", "Verify " + domain, "domains", List.of(domain, "other-" + domain))));
        assertEquals(201, created.status(), created.toString());
        orgId = created.body().get("id").asText();
        dns.publish(Map.of());
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void start_answers_the_txt_record_to_publish_and_repeats_it() {
        ApiResponse started = start(domain);

        assertEquals(200, started.status(), started.toString());
        assertEquals("_gatehouse-challenge." + domain, started.body().get("recordName").asText());
        assertEquals("TXT", started.body().get("recordType").asText());
        assertTrue(started.body().get("recordValue").asText().startsWith("gatehouse-domain-verification="));
        assertTrue(started.body().get("recordValue").asText().length() > 60, "the token carries 256 random bits");
        assertEquals("pending", started.body().get("status").asText());
        assertEquals(started.body().get("recordValue"), start(domain).body().get("recordValue"));
        assertNotEquals(started.body().get("recordValue"), start("other-" + domain).body().get("recordValue"));
    }

    @Test
    void domain_stays_pending_until_the_record_is_published_then_is_verified() {
        JsonNode record = start(domain).body();

        ApiResponse before = check(domain);
        assertEquals(200, before.status(), before.toString());
        assertEquals("pending", before.body().get("status").asText());
        assertNotNull(before.body().get("checkedAt").asText(null));
        assertFalse(isVerifiedInKeycloak(domain));

        dns.publish(Map.of(record.get("recordName").asText(), record.get("recordValue").asText()));
        ApiResponse after = check(domain);
        assertEquals("verified", after.body().get("status").asText(), after.toString());

        JsonNode org = api.get("/orgs/" + orgId).body();
        for (JsonNode d : org.get("domains")) {
            assertEquals(d.get("name").asText().equals(domain), d.get("verified").asBoolean(), org.toString());
        }
        assertTrue(isVerifiedInKeycloak(domain), "Keycloak's own console shows the domain verified");
    }

    @Test
    void a_record_with_the_wrong_value_does_not_verify() {
        JsonNode record = start(domain).body();
        dns.publish(Map.of(record.get("recordName").asText(), "gatehouse-domain-verification=guessed"));

        ApiResponse checked = check(domain);
        assertEquals("pending", checked.body().get("status").asText());
        assertTrue(checked.body().get("message").asText().contains(record.get("recordName").asText()));
        assertFalse(isVerifiedInKeycloak(domain));
    }

    @Test
    void a_record_for_another_domain_does_not_verify_this_one() {
        JsonNode record = start(domain).body();
        JsonNode other = start("other-" + domain).body();
        dns.publish(Map.of(other.get("recordName").asText(), record.get("recordValue").asText()));

        assertEquals("pending", check(domain).body().get("status").asText());
    }

    @Test
    void verification_fails_after_thirty_days_and_can_be_started_again() {
        JsonNode record = start(domain).body();

        timeOffSet.set(THIRTY_ONE_DAYS);
        dns.publish(Map.of(record.get("recordName").asText(), record.get("recordValue").asText()));
        ApiResponse expired = check(domain);
        assertEquals("failed", expired.body().get("status").asText(), expired.toString());
        assertFalse(isVerifiedInKeycloak(domain));

        JsonNode restarted = start(domain).body();
        assertEquals("pending", restarted.get("status").asText());
        assertNotEquals(record.get("recordValue"), restarted.get("recordValue"));
        dns.publish(Map.of(restarted.get("recordName").asText(), restarted.get("recordValue").asText()));
        assertEquals("verified", check(domain).body().get("status").asText());
    }

    @Test
    void checking_before_starting_or_for_a_foreign_domain_is_404() {
        ApiResponse notStarted = check(domain);
        assertEquals(404, notStarted.status());
        assertEquals("verification_not_started", notStarted.error());

        ApiResponse foreign = start("not-ours.test");
        assertEquals(404, foreign.status());
        assertEquals("domain_not_found", foreign.error());
        assertEquals(404, api.post("/orgs/no-such-org/domains/" + domain + "/verification", "").status());
    }

    @Test
    void domain_verified_in_keycloaks_console_counts_as_verified() {
        var nativeOrg = realm.admin().organizations().get(orgId).toRepresentation();
        nativeOrg.getDomains().clear();
        OrganizationDomainRepresentation verified = new OrganizationDomainRepresentation(domain);
        verified.setVerified(true);
        nativeOrg.addDomain(verified);
        try (var response = realm.admin().organizations().get(orgId).update(nativeOrg)) {
            assertEquals(204, response.getStatus());
        }

        assertEquals("verified", start(domain).body().get("status").asText());
        assertEquals("verified", check(domain).body().get("status").asText());
    }

    private ApiResponse start(String d) {
        return api.post("/orgs/" + orgId + "/domains/" + d + "/verification", "");
    }

    private ApiResponse check(String d) {
        return api.get("/orgs/" + orgId + "/domains/" + d + "/verification");
    }

    private boolean isVerifiedInKeycloak(String d) {
        return realm.admin().organizations().get(orgId).toRepresentation().getDomains().stream()
                .anyMatch(x -> x.getName().equals(d) && x.isVerified());
    }
}
