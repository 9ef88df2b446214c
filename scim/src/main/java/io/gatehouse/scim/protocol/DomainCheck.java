package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.org.Org;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A directory creates or changes only users whose userName, when it is an email, and primary
 * email are in its organization's domains. The rule itself is {@link EmailDomainPolicy}, the same one the SSO
 * check applies.
 */
final class DomainCheck {

    private DomainCheck() {
    }

    /**
     * A userName with an {@code @} is an email, held to the domains; any other userName is a
     * name, which becomes no Keycloak username anyone else could need ({@link UserNames}).
     */
    static boolean isEmail(String userName) {
        return userName.contains("@");
    }

    /** @throws BadRequestException invalidValue, naming the org's allowed domains */
    static void require(String userName, Optional<String> primaryEmail, Org org) {
        if (isEmail(userName)) {
            judge("userName", userName, org);
        }
        primaryEmail.ifPresent(email -> judge("The primary email", email, org));
    }

    private static void judge(String what, String email, Org org) {
        EmailDomainPolicy.Verdict verdict = EmailDomainPolicy.judge(email, org);
        switch (verdict) {
            case ALLOWED -> { }
            case MALFORMED_EMAIL, NO_EMAIL -> throw refusal(what + " '" + email + "' is not an email address", org);
            case DOMAIN_NOT_VERIFIED -> throw refusal(what + " '" + email + "' is in a domain this organization has not verified yet", org);
            case DOMAIN_NOT_ALLOWED -> throw refusal(what + " '" + email + "' is outside this organization's domains", org);
        }
    }

    private static BadRequestException refusal(String reason, Org org) {
        return new BadRequestException(reason + ". Allowed: " + allowed(org) + ".", ScimType.RFC7644.INVALID_VALUE);
    }

    private static String allowed(Org org) {
        List<String> domains = org.domains().stream()
                .filter(d -> d.verified() || !org.policies().requireVerifiedDomains())
                .map(Org.OrgDomain::name)
                .toList();
        if (domains.isEmpty()) {
            return "no domain yet";
        }
        String listed = domains.stream().collect(Collectors.joining(", "));
        return org.policies().allowSubdomains() ? listed + " and their subdomains" : listed;
    }
}
