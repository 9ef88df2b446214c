package io.gatehouse.domain;

/**
 * The names one domain entry gives an organization: its base name, and every name below it if
 * the entry is a wildcard or the organization allows subdomains. Two organizations' reaches must
 * not overlap, and where they do anyway (Keycloak's own API does not check), the most specific
 * base wins ({@link EmailDomainPolicy}).
 */
public record DomainReach(DomainName base, boolean subdomains) {

    public boolean covers(DomainName name) {
        return name.equals(base) || (subdomains && name.isSubdomainOf(base));
    }

    /** Whether some name would be in both reaches. */
    public boolean overlaps(DomainReach other) {
        return covers(other.base) || other.covers(base);
    }

    /** How specific a claim on a covered name is: its base's depth. */
    public int specificity() {
        return base.labelCount();
    }
}
