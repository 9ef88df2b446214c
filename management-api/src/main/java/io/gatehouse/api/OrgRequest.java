package io.gatehouse.api;

import io.gatehouse.domain.Domain;
import io.gatehouse.domain.InvalidDomainException;
import io.gatehouse.domain.OrgDomainRules;
import io.gatehouse.org.AdminInvitations;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgDraft;
import io.gatehouse.org.OrgPolicies;
import io.gatehouse.org.OrgRequestException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of POST and PUT /orgs. On PUT, fields left out keep their current value, and
 * {@code policies} changes only the policies it names.
 */
record OrgRequest(String name,
                  String alias,
                  List<String> domains,
                  String externalId,
                  Map<String, List<String>> attributes,
                  PoliciesRequest policies) {

    private static final int MAX_DOMAINS = 100;

    OrgDraft toNewDraft(GatehouseOrganizations orgs, boolean allowPublicMailboxDomains) {
        return new OrgDraft(name, alias, domains(orgs.domainRules(), allowPublicMailboxDomains), externalId,
                attributes == null ? Map.of() : orgs.regions().place(attributes),
                policies == null ? OrgPolicies.DEFAULTS : policies.over(OrgPolicies.DEFAULTS));
    }

    /** Attributes sent are placed by the operator's regions; attributes kept are not, so a region the operator retired stays until changed. */
    OrgDraft toUpdateDraft(Org current, GatehouseOrganizations orgs, boolean allowPublicMailboxDomains) {
        Set<Domain> newDomains = domains == null ? currentDomains(current) : domains(orgs.domainRules(), allowPublicMailboxDomains);
        return new OrgDraft(name == null ? current.name() : name,
                alias,
                newDomains,
                externalId == null ? current.externalId() : externalId,
                attributes == null ? current.attributes() : orgs.regions().place(attributes),
                policies == null ? current.policies() : policies.over(current.policies()));
    }

    /** Keycloak's own API accepts domains Gatehouse cannot read; keeping one unnoticed would keep a domain that matches no one. */
    private static Set<Domain> currentDomains(Org current) {
        Set<Domain> result = new LinkedHashSet<>();
        for (Org.OrgDomain domain : current.domains()) {
            result.add(Domain.readStored(domain.name()).orElseThrow(() -> ApiException.badRequest("invalid_domain",
                    "The organization's domain '" + domain.name() + "', set outside Gatehouse, is not a domain Gatehouse can use."
                            + " Send domains with this change to replace it.")));
        }
        return result;
    }

    private Set<Domain> domains(OrgDomainRules rules, boolean allowPublicMailboxDomains) {
        if (domains == null) {
            return Set.of();
        }
        if (domains.size() > MAX_DOMAINS) {
            throw ApiException.badRequest("invalid_domain", "An organization may have at most " + MAX_DOMAINS + " domains.");
        }
        Set<Domain> result = new LinkedHashSet<>();
        for (String raw : domains) {
            try {
                result.add(rules.accept(raw, allowPublicMailboxDomains));
            } catch (InvalidDomainException e) {
                throw ApiException.badRequest("invalid_domain", e.getMessage());
            }
        }
        return result;
    }

    /** Policies a request sets; null means "as before". */
    record PoliciesRequest(Boolean ssoRequired,
                           Boolean mfaForNonSsoUsers,
                           Boolean autoJoinByDomain,
                           String defaultRole,
                           Boolean allowSubdomains,
                           Boolean requireVerifiedDomains,
                           Boolean scimDeleteDeactivates,
                           List<String> allowedNetworks,
                           Boolean allowedNetworksExemptBreakGlass) {

        OrgPolicies over(OrgPolicies base) {
            if (AdminInvitations.isAdminRole(defaultRole)) {
                throw OrgRequestException.invalid("reserved_role", "policies.defaultRole cannot be '" + AdminInvitations.ADMIN_ROLE
                        + "': that role comes only from an admin invitation or from a grant by an admin who may manage the member's groups.");
            }
            return new OrgPolicies(
                    ssoRequired == null ? base.ssoRequired() : ssoRequired,
                    mfaForNonSsoUsers == null ? base.mfaForNonSsoUsers() : mfaForNonSsoUsers,
                    autoJoinByDomain == null ? base.autoJoinByDomain() : autoJoinByDomain,
                    defaultRole == null ? base.defaultRole() : defaultRole,
                    allowSubdomains == null ? base.allowSubdomains() : allowSubdomains,
                    requireVerifiedDomains == null ? base.requireVerifiedDomains() : requireVerifiedDomains,
                    scimDeleteDeactivates == null ? base.scimDeleteDeactivates() : scimDeleteDeactivates,
                    allowedNetworks == null ? base.allowedNetworks() : allowedNetworks,
                    allowedNetworksExemptBreakGlass == null ? base.allowedNetworksExemptBreakGlass() : allowedNetworksExemptBreakGlass);
        }
    }
}
