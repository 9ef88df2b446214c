package io.gatehouse.it.support;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An organization with one email domain of its own and one SCIM directory, onboarded through the management API. */
public record ScimOrg(String id, String domain, ScimClient directory) {

    public static ScimOrg onboard(GatehouseApi api, String domainPrefix, String directoryName) {
        String domain = domainPrefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        ApiResponse org = api.createOrg(GatehouseApi.json(Map.of("name", directoryName + " " + domain, "domains", List.of(domain))));
        assertEquals(201, org.status(), org.toString());
        String id = org.body().get("id").asText();
        return new ScimOrg(id, domain, ScimClient.newDirectory(api, id, directoryName));
    }
}
