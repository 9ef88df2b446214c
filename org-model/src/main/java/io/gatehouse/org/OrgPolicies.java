package io.gatehouse.org;

/**
 * What an organization allows. The defaults are the safe choice for a new customer: no automatic
 * membership by email domain, no subdomains, MFA for anyone who signs in without SSO.
 * {@code scimDeleteDeactivates} turns a SCIM directory's DELETE of a user into a deactivation.
 */
public record OrgPolicies(boolean ssoRequired,
                          boolean mfaForNonSsoUsers,
                          boolean autoJoinByDomain,
                          String defaultRole,
                          boolean allowSubdomains,
                          boolean requireVerifiedDomains,
                          boolean scimDeleteDeactivates) {

    public static final OrgPolicies DEFAULTS = new OrgPolicies(false, true, false, "member", false, false, false);

    private static final int MAX_ROLE_LENGTH = 255;

    public OrgPolicies {
        if (defaultRole == null || defaultRole.isBlank() || defaultRole.length() > MAX_ROLE_LENGTH) {
            throw OrgRequestException.invalid("invalid_policy",
                    "policies.defaultRole must be a role name of 1 to " + MAX_ROLE_LENGTH + " characters.");
        }
    }
}
