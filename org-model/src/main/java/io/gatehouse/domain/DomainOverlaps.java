package io.gatehouse.domain;

import java.util.Collection;
import java.util.Optional;

/**
 * Whether an organization's domains would reach an address another organization's domains already
 * reach: the same name, a name below the other's wildcard or subdomain-allowing domain, or, with a
 * wildcard or {@code allowSubdomains} here, a name of the other's below one of these. The answer
 * names only the requester's own domain, never what the other organization holds.
 */
public final class DomainOverlaps {

    private DomainOverlaps() {
    }

    /** @return why these domains cannot be had, as a sentence, if another organization's reach overlaps */
    public static Optional<String> conflict(Collection<Domain> wanted, boolean allowSubdomains, Collection<DomainReach> others) {
        for (Domain domain : wanted) {
            DomainReach reach = domain.reach(allowSubdomains);
            for (DomainReach other : others) {
                if (other.base().equals(reach.base())) {
                    return Optional.of(reach.base() + " already belongs to another organization.");
                }
                if (other.covers(reach.base())) {
                    return Optional.of(reach.base() + " is already covered by another organization's domain and its subdomains.");
                }
                if (reach.covers(other.base())) {
                    return Optional.of("Subdomains of " + reach.base() + " cannot be included (by *." + reach.base()
                            + " or allowSubdomains): another organization already has a domain under it.");
                }
            }
        }
        return Optional.empty();
    }
}
