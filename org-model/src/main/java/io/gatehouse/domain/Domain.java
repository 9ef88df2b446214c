package io.gatehouse.domain;

import java.util.Optional;

/**
 * One entry of an organization's domain list, as Keycloak's organizations define it: a domain name
 * ({@code acme.test}), or a wildcard ({@code *.acme.test}) that stands for the name itself and every
 * name below it (Keycloak 26.7 {@code Organizations.isSameDomain}: {@code acme.test},
 * {@code eu.acme.test}, {@code a.eu.acme.test}). A wildcard thus means to the rule exactly what
 * {@code allowSubdomains} means for a plain domain.
 */
public final class Domain {

    private static final String WILDCARD = "*.";
    /** Keycloak refuses a wildcard over more labels than this; accepting it here would only fail later. */
    private static final int MAX_WILDCARD_LABELS = 10;

    private final DomainName base;
    private final boolean wildcard;

    private Domain(DomainName base, boolean wildcard) {
        this.base = base;
        this.wildcard = wildcard;
    }

    /** Normalizes and validates what a person typed; the exception message says what is wrong. */
    public static Domain parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidDomainException("A domain must not be empty.");
        }
        String trimmed = raw.strip();
        if (trimmed.startsWith(WILDCARD)) {
            DomainName base = DomainName.parse(trimmed.substring(WILDCARD.length()));
            if (base.labelCount() > MAX_WILDCARD_LABELS) {
                throw new InvalidDomainException("'" + raw + "' is too deep for a wildcard: at most " + MAX_WILDCARD_LABELS + " labels after '*.'.");
            }
            return new Domain(base, true);
        }
        if (trimmed.contains("*")) {
            throw new InvalidDomainException("'" + raw + "' is not a valid domain: a wildcard must be the whole first label, as in *.example.com.");
        }
        return new Domain(DomainName.parse(trimmed), false);
    }

    /**
     * Reads a domain as stored on an organization, which Keycloak's own API may have written in a
     * form Gatehouse would not accept: such a domain is empty here, so it matches no one (fail closed).
     */
    public static Optional<Domain> readStored(String stored) {
        try {
            return Optional.of(parse(stored));
        } catch (InvalidDomainException e) {
            return Optional.empty();
        }
    }

    public DomainName base() {
        return base;
    }

    public boolean isWildcard() {
        return wildcard;
    }

    /** The names this entry gives its organization, given the organization's {@code allowSubdomains}. */
    public DomainReach reach(boolean allowSubdomains) {
        return new DomainReach(base, wildcard || allowSubdomains);
    }

    /** The spelling stored in Keycloak: {@code acme.test} or {@code *.acme.test}. */
    public String value() {
        return wildcard ? WILDCARD + base.value() : base.value();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain other && base.equals(other.base) && wildcard == other.wildcard;
    }

    @Override
    public int hashCode() {
        return value().hashCode();
    }

    @Override
    public String toString() {
        return value();
    }
}
