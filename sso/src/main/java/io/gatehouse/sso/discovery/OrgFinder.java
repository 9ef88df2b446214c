package io.gatehouse.sso.discovery;

import io.gatehouse.domain.DomainName;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Locale;
import java.util.Optional;

/**
 * Finds the organization a person or an app means: by the domain of the email typed, by the
 * organization's alias or exact name, or by the external ID the app keeps for it. Only enabled
 * organizations are found. Domain look-ups go through Keycloak's indexed domain query.
 */
final class OrgFinder {

    private static final int MAX_IDENTIFIER = 320;
    /** The external ID's column length: a longer value cannot name an organization. */
    private static final int MAX_EXTERNAL_ID = 255;

    private final OrganizationProvider organizations;
    private final GatehouseOrganizations gatehouse;

    private OrgFinder(OrganizationProvider organizations, GatehouseOrganizations gatehouse) {
        this.organizations = organizations;
        this.gatehouse = gatehouse;
    }

    static OrgFinder of(KeycloakSession session) {
        return new OrgFinder(session.getProvider(OrganizationProvider.class), session.getProvider(GatehouseOrganizations.class));
    }

    /** What a person typed: a work email, an alias or a name. */
    Optional<OrganizationModel> find(String identifier) {
        if (!usable() || identifier == null || identifier.isBlank() || identifier.length() > MAX_IDENTIFIER) {
            return Optional.empty();
        }
        String typed = identifier.strip();
        int at = typed.lastIndexOf('@');
        Optional<OrganizationModel> org = at >= 0 ? byDomain(typed.substring(at + 1)) : byAliasOrName(typed);
        return org.filter(OrganizationModel::isEnabled);
    }

    /** What an app sent: the organization's external ID, matched exactly. */
    Optional<OrganizationModel> findByExternalId(String externalId) {
        if (!usable() || externalId == null || externalId.isBlank() || externalId.length() > MAX_EXTERNAL_ID) {
            return Optional.empty();
        }
        return gatehouse.findByExternalId(externalId)
                .map(Org::id)
                .map(organizations::getById)
                .filter(OrganizationModel::isEnabled);
    }

    private boolean usable() {
        return organizations != null && organizations.isEnabled() && gatehouse != null;
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
