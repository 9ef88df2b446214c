package io.gatehouse.org;

import io.gatehouse.domain.DomainName;
import io.gatehouse.persistence.DomainClaimEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps one claim row per domain an organization owns, so the database (not a check-then-insert)
 * decides who wins when two requests want the same domain. Keycloak's own organization is the
 * source of truth: a claim whose organization no longer has the domain in Keycloak is stale and
 * gives way.
 */
final class DomainClaims {

    private final EntityManager em;
    private final RealmModel realm;
    private final OrganizationProvider organizations;

    DomainClaims(EntityManager em, RealmModel realm, OrganizationProvider organizations) {
        this.em = em;
        this.realm = realm;
        this.organizations = organizations;
    }

    /** Fails with a conflict when another organization owns one of the domains. */
    void requireFree(Set<DomainName> domains, String orgId) {
        for (DomainName domain : domains) {
            // Keycloak's look-up also matches parent and wildcard domains; only an exact owner conflicts.
            OrganizationModel owner = organizations.getByDomainName(domain.value());
            if (owner != null && !owner.getId().equals(orgId) && owns(owner, domain.value())) {
                throw taken(domain.value());
            }
        }
    }

    /** Makes {@code orgId}'s claims exactly {@code domains}; flushes so a lost race surfaces here. */
    void claim(String orgId, Set<DomainName> domains) {
        Set<String> wanted = domains.stream().map(DomainName::value).collect(Collectors.toSet());
        try {
            em.createNamedQuery("ghDomainClaimsOfOrg", DomainClaimEntity.class)
                    .setParameter("orgId", orgId)
                    .getResultStream()
                    .filter(claim -> !wanted.remove(claim.getDomain()))
                    .forEach(em::remove);
            for (String domain : wanted) {
                DomainClaimEntity existing = em.find(DomainClaimEntity.class, new DomainClaimEntity.Key(realm.getId(), domain));
                if (existing != null) {
                    if (stillOwns(existing)) {
                        throw taken(domain);
                    }
                    em.remove(existing);
                    em.flush();
                }
                em.persist(new DomainClaimEntity(realm.getId(), domain, orgId));
            }
            em.flush();
        } catch (PersistenceException | ModelException e) {
            throw OrgRequestException.conflict("domain_taken",
                    "One of the domains " + wanted + " was claimed by another organization at the same moment.");
        }
    }

    /** A claim is stale once Keycloak no longer gives its domain to its organization (changed natively). */
    /**
     * Asks the database, not Keycloak's organization cache: a claim that another request committed a
     * moment ago must count, or two organizations could end up with one domain.
     */
    private boolean stillOwns(DomainClaimEntity claim) {
        return em.createQuery("select count(d) from OrganizationDomainEntity d"
                        + " where d.organization.id = :orgId and d.name = :name", Long.class)
                .setParameter("orgId", claim.getOrgId())
                .setParameter("name", claim.getDomain())
                .getSingleResult() > 0;
    }

    private static boolean owns(OrganizationModel org, String domain) {
        return org.getDomains().anyMatch(d -> d.getName().equals(domain));
    }

    private static OrgRequestException taken(String domain) {
        return OrgRequestException.conflict("domain_taken", domain + " already belongs to another organization.");
    }

}
