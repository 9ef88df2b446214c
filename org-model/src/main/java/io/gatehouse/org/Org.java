package io.gatehouse.org;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.gatehouse.domain.DomainReach;

import java.util.List;
import java.util.Map;

/**
 * An organization as Gatehouse shows it: Keycloak's organization plus what Gatehouse adds.
 *
 * @param nestedClaims what other organizations of the realm claim inside this one's domains (a
 *                     subdomain, or the same name), so the domain rule can leave those addresses to
 *                     them; never shown, as it describes other tenants
 */
public record Org(String id,
                  String name,
                  String alias,
                  List<OrgDomain> domains,
                  String externalId,
                  Map<String, List<String>> attributes,
                  OrgPolicies policies,
                  @JsonIgnore List<DomainReach> nestedClaims) {

    public Org {
        nestedClaims = List.copyOf(nestedClaims);
    }

    /** An organization no other organization claims anything inside of. */
    public Org(String id, String name, String alias, List<OrgDomain> domains, String externalId,
               Map<String, List<String>> attributes, OrgPolicies policies) {
        this(id, name, alias, domains, externalId, attributes, policies, List.of());
    }

    public record OrgDomain(String name, boolean verified) {
    }
}
