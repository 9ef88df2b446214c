package io.gatehouse.domain;

/**
 * Decides whether a domain may be put on an organization's whitelist. Every path that adds a
 * domain (REST API, setup portal) comes through here, so the rules live in one place.
 */
public final class OrgDomainRules {

    private final PublicMailboxDomains publicMailboxDomains;

    public OrgDomainRules(PublicMailboxDomains publicMailboxDomains) {
        this.publicMailboxDomains = publicMailboxDomains;
    }

    /**
     * @param raw                a domain ({@code acme.com}) or a wildcard ({@code *.acme.com})
     * @param allowPublicMailbox the caller explicitly asked to whitelist a consumer mailbox domain
     * @throws InvalidDomainException with a sentence that says what to fix
     */
    public Domain accept(String raw, boolean allowPublicMailbox) {
        Domain domain = Domain.parse(raw);
        if (!allowPublicMailbox && publicMailboxDomains.contains(domain.base())) {
            throw new InvalidDomainException("'" + domain + "' is a public mailbox domain: anyone can get an address there."
                    + " Add it only if you mean to, with allowPublicMailboxDomains=true.");
        }
        return domain;
    }
}
