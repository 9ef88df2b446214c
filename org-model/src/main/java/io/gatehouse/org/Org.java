package io.gatehouse.org;

import java.util.List;
import java.util.Map;

/** An organization as Gatehouse shows it: Keycloak's organization plus what Gatehouse adds. */
public record Org(String id,
                  String name,
                  String alias,
                  List<OrgDomain> domains,
                  String externalId,
                  Map<String, List<String>> attributes,
                  OrgPolicies policies) {

    public record OrgDomain(String name, boolean verified) {
    }
}
