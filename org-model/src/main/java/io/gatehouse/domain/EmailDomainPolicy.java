package io.gatehouse.domain;

import io.gatehouse.org.Org;

import java.util.Locale;

/**
 * Whether an email address may belong to an organization: its domain must be one of the org's
 * domains, compared in canonical form (lower case, punycode), exactly unless the org allows
 * subdomains, and only among verified domains if the org requires that. The SSO check and SCIM
 * provisioning both ask here, so there is one rule.
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
        if (email == null || email.isBlank()) {
            return Verdict.NO_EMAIL;
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return Verdict.MALFORMED_EMAIL;
        }
        DomainName domain;
        try {
            domain = DomainName.parse(email.substring(at + 1));
        } catch (InvalidDomainException e) {
            return Verdict.MALFORMED_EMAIL;
        }
        boolean matchedUnverified = false;
        for (Org.OrgDomain candidate : org.domains()) {
            if (covers(DomainName.parse(candidate.name()), domain, org.policies().allowSubdomains())) {
                if (candidate.verified() || !org.policies().requireVerifiedDomains()) {
                    return Verdict.ALLOWED;
                }
                matchedUnverified = true;
            }
        }
        return matchedUnverified ? Verdict.DOMAIN_NOT_VERIFIED : Verdict.DOMAIN_NOT_ALLOWED;
    }

    private static boolean covers(DomainName orgDomain, DomainName emailDomain, boolean allowSubdomains) {
        return emailDomain.equals(orgDomain) || (allowSubdomains && emailDomain.value().endsWith("." + orgDomain.value()));
    }
}
