package io.gatehouse.org;

import io.gatehouse.domain.Domain;
import io.gatehouse.domain.DomainOverlaps;
import io.gatehouse.domain.DomainReach;
import io.gatehouse.persistence.DomainClaimEntity;
import io.gatehouse.persistence.OrgSettingsEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.ModelException;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may have which domain. Two organizations' domains must not reach the same address: not the
 * same name, and not a name below another's wildcard or subdomain-allowing domain.
 * <p>
 * One claim row per base name (a wildcard claims its base) makes the database, not a
 * check-then-insert, decide who wins when two requests want the same name. Nesting (acme.test with
 * subdomains against eu.acme.test) is a check against committed domains before the write, so two
 * such requests at the same instant could both pass; where an overlap exists anyway, and Keycloak's
 * own API creates them freely, the domain rule gives each address to the most specific claim only.
 * Keycloak's organization is the source of truth: a claim whose organization no longer has the
 * domain in Keycloak is stale and gives way.
 */
final class DomainClaims {

    private static final String WILDCARD = "*.";

    private final EntityManager em;
    private final RealmModel realm;

    DomainClaims(EntityManager em, RealmModel realm) {
        this.em = em;
        this.realm = realm;
    }

    /** Fails with a conflict when another organization's domains reach an address these would reach. */
    void requireFree(Set<Domain> domains, boolean allowSubdomains, String orgId) {
        DomainOverlaps.conflict(domains, allowSubdomains, othersNear(orgId, domains, domains)).ifPresent(reason -> {
            throw taken(reason);
        });
    }

    /** What other organizations claim inside these domains' reach, for the domain rule to leave to them. */
    List<DomainReach> nestedClaims(String orgId, Collection<Domain> domains, boolean allowSubdomains) {
        if (domains.isEmpty()) {
            return List.of();
        }
        List<DomainReach> mine = domains.stream().map(d -> d.reach(allowSubdomains)).toList();
        // A name below an exact domain can never take one of its addresses: only reaches with subdomains look below.
        List<Domain> reachingBelow = domains.stream().filter(d -> d.reach(allowSubdomains).subdomains()).toList();
        return othersNear(orgId, domains, reachingBelow).stream()
                .filter(other -> mine.stream().anyMatch(other::overlaps))
                .toList();
    }

    /** Makes {@code orgId}'s claims exactly {@code domains}' base names; flushes so a lost race surfaces here. */
    void claim(String orgId, Set<Domain> domains) {
        Set<String> wanted = domains.stream().map(d -> d.base().value()).collect(Collectors.toSet());
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
                        throw taken(domain + " already belongs to another organization.");
                    }
                    em.remove(existing);
                    em.flush();
                }
                em.persist(new DomainClaimEntity(realm.getId(), domain, orgId));
            }
            em.flush();
        } catch (PersistenceException | ModelException e) {
            throw taken("One of the domains " + wanted + " was claimed by another organization at the same moment.");
        }
    }

    /**
     * Other organizations' domains that could share an address with these: the same base, a parent
     * of one, or a name below one of {@code lookBelow} (plain or wildcard; a {@code LIKE} that scans,
     * so only where it matters). The database is asked, not Keycloak's organization cache, so a
     * domain another request committed a moment ago counts.
     */
    private List<DomainReach> othersNear(String orgId, Collection<Domain> domains, Collection<Domain> lookBelow) {
        Set<String> names = new HashSet<>();
        Set<String> below = new HashSet<>();
        for (Domain domain : lookBelow) {
            below.add("%." + domain.base().value());
        }
        for (Domain domain : domains) {
            String base = domain.base().value();
            for (String name = base; name.indexOf('.') > 0; name = name.substring(name.indexOf('.') + 1)) {
                names.add(name);
                names.add(WILDCARD + name);
            }
        }
        StringBuilder jpql = new StringBuilder("select d.name, o.id from OrganizationDomainEntity d join d.organization o"
                + " where o.realmId = :realmId and o.id <> :orgId and (d.name in :names");
        List<String> patterns = new ArrayList<>(below);
        for (int i = 0; i < patterns.size(); i++) {
            jpql.append(" or d.name like :below").append(i);
        }
        TypedQuery<Object[]> query = em.createQuery(jpql.append(')').toString(), Object[].class)
                .setParameter("realmId", realm.getId())
                .setParameter("orgId", orgId == null ? "" : orgId)
                .setParameter("names", names);
        for (int i = 0; i < patterns.size(); i++) {
            query.setParameter("below" + i, patterns.get(i));
        }
        List<Object[]> rows = query.getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, Boolean> allowsSubdomains = allowsSubdomains(rows.stream().map(row -> (String) row[1]).collect(Collectors.toSet()));
        List<DomainReach> reaches = new ArrayList<>();
        for (Object[] row : rows) {
            Optional<Domain> other = Domain.readStored((String) row[0]);
            // A domain Gatehouse cannot read matches no address, so it conflicts with nothing.
            other.ifPresent(d -> reaches.add(d.reach(allowsSubdomains.getOrDefault((String) row[1], false))));
        }
        return reaches;
    }

    private Map<String, Boolean> allowsSubdomains(Set<String> orgIds) {
        Map<String, Boolean> result = new HashMap<>();
        em.createNamedQuery("ghOrgSettingsByIds", OrgSettingsEntity.class)
                .setParameter("orgIds", orgIds)
                .getResultStream()
                .forEach(s -> result.put(s.getOrgId(), s.isAllowSubdomains()));
        return result;
    }

    /**
     * A claim is stale once Keycloak no longer gives its name, plain or as a wildcard, to its organization
     * (changed natively). Asks the database, not Keycloak's organization cache: a claim that another request
     * committed a moment ago must count, or two organizations could end up with one domain.
     */
    private boolean stillOwns(DomainClaimEntity claim) {
        return em.createQuery("select count(d) from OrganizationDomainEntity d"
                        + " where d.organization.id = :orgId and d.name in :names", Long.class)
                .setParameter("orgId", claim.getOrgId())
                .setParameter("names", List.of(claim.getDomain(), WILDCARD + claim.getDomain()))
                .getSingleResult() > 0;
    }

    private static OrgRequestException taken(String message) {
        return OrgRequestException.conflict("domain_taken", message);
    }
}
