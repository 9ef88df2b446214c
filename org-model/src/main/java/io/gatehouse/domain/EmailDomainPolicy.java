package io.gatehouse.domain;

import io.gatehouse.org.Org;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether an email address may belong to an organization: its domain must be covered by one of the
 * org's domains ({@link Domain}: exactly, or below it for a wildcard or when the org allows
 * subdomains), compared in canonical form (lower case, punycode), and only among verified domains if
 * the org requires that. Where another organization claims the address more specifically, or the same
 * name (possible only through Keycloak's own API), this org does not get it: the most specific claim
 * wins, and a tie gives the address to no one. A stored domain that cannot be read matches nothing.
 * The SSO check and SCIM provisioning both ask here, so there is one rule.
 */
public final class EmailDomainPolicy {

    public enum Verdict {
        ALLOWED, NO_EMAIL, MALFORMED_EMAIL, DOMAIN_NOT_ALLOWED, DOMAIN_NOT_VERIFIED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private EmailDomainPolicy() {
    }

    public static Verdict judge(String email, Org org) {
        return judge(email, org, org.policies().requireVerifiedDomains());
    }

    /**
     * Whether the address is the organization's through a domain it proved it holds (DNS), whatever
     * its policy on unverified domains: what a mailbox's verification may rest on, since an unproved
     * domain is only the organization's word.
     */
    public static boolean provenFor(String email, Org org) {
        return judge(email, org, true) == Verdict.ALLOWED;
    }

    private static Verdict judge(String email, Org org, boolean verifiedOnly) {
        if (email == null || email.isBlank()) {
            return Verdict.NO_EMAIL;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return Verdict.MALFORMED_EMAIL;
        }
        DomainName name;
        try {
            name = DomainName.parse(email.substring(at + 1));
        } catch (InvalidDomainException e) {
            return Verdict.MALFORMED_EMAIL;
        }
        int mostSpecific = -1;
        boolean usable = false;
        for (Org.OrgDomain candidate : org.domains()) {
            Optional<DomainReach> reach = Domain.readStored(candidate.name()).map(d -> d.reach(org.policies().allowSubdomains()));
            if (reach.isPresent() && reach.get().covers(name)) {
                mostSpecific = Math.max(mostSpecific, reach.get().specificity());
                usable |= candidate.verified() || !verifiedOnly;
            }
        }
        if (mostSpecific < 0 || claimedElsewhere(name, mostSpecific, org)) {
            return Verdict.DOMAIN_NOT_ALLOWED;
        }
        return usable ? Verdict.ALLOWED : Verdict.DOMAIN_NOT_VERIFIED;
    }

    private static boolean claimedElsewhere(DomainName name, int specificity, Org org) {
        return org.nestedClaims().stream().anyMatch(other -> other.covers(name) && other.specificity() >= specificity);
    }
}
