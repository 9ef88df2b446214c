package io.gatehouse.sso.discovery;

import io.gatehouse.domain.DomainName;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the organization a person means: by the domain of the email they typed, or by the
 * organization's alias or exact name. Domain look-ups go through Keycloak's indexed domain query.
 */
final class OrgFinder {

    private static final int MAX_IDENTIFIER = 320;

    private final OrganizationProvider organizations;

    OrgFinder(OrganizationProvider organizations) {
        this.organizations = organizations;
    }

    Optional<OrganizationModel> find(String identifier) {
        if (identifier == null || identifier.isBlank() || identifier.length() > MAX_IDENTIFIER) {
            return Optional.empty();
        }
        String typed = identifier.strip();
        int at = typed.lastIndexOf('@');
        Optional<OrganizationModel> org = at >= 0 ? byDomain(typed.substring(at + 1)) : byAliasOrName(typed);
        return org.filter(OrganizationModel::isEnabled);
    }

    private Optional<OrganizationModel> byDomain(String domain) {
        try {
            return Optional.ofNullable(organizations.getByDomainName(DomainName.parse(domain).value()));
        } catch (RuntimeException e) { // not a domain (InvalidDomainException), or one Keycloak will not look up
            return Optional.empty();
        }
    }

    private Optional<OrganizationModel> byAliasOrName(String typed) {
        return Optional.ofNullable(organizations.getByAlias(typed))
                .or(() -> Optional.ofNullable(organizations.getByAlias(typed.toLowerCase(Locale.ROOT))))
                .or(() -> organizations.getAllStream(typed, true, 0, 2)
                        .filter(o -> o.getName().equalsIgnoreCase(typed))
                        .findFirst());
    }
}
