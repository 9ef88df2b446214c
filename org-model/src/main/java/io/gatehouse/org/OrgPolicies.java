package io.gatehouse.org;

import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an organization allows. The defaults are the safe choice for a new customer: no automatic
 * membership by email domain, no subdomains, MFA for anyone who signs in without SSO.
 * {@code scimDeleteDeactivates} turns a SCIM directory's DELETE of a user into a deactivation.
 * {@code allowedNetworks} (CIDR ranges; none means anywhere) is where members may sign in from;
 * break-glass accounts follow it too unless {@code allowedNetworksExemptBreakGlass}.
 */
public record OrgPolicies(boolean ssoRequired,
                          boolean mfaForNonSsoUsers,
                          boolean autoJoinByDomain,
                          String defaultRole,
                          boolean allowSubdomains,
                          boolean requireVerifiedDomains,
                          boolean scimDeleteDeactivates,
                          List<String> allowedNetworks,
                          boolean allowedNetworksExemptBreakGlass) {

    public static final OrgPolicies DEFAULTS = new OrgPolicies(false, true, false, "member", false, false, false, List.of(), false);

    private static final int MAX_ROLE_LENGTH = 255;

    public OrgPolicies {
        if (defaultRole == null || defaultRole.isBlank() || defaultRole.length() > MAX_ROLE_LENGTH) {
            throw OrgRequestException.invalid("invalid_policy",
                    "policies.defaultRole must be a role name of 1 to " + MAX_ROLE_LENGTH + " characters.");
        }
        allowedNetworks = AllowedNetworks.parse(allowedNetworks).texts();
    }

    /**
     * Whether a member may sign in from {@code address} (null when it is not known, which a
     * restriction refuses). A break-glass account is held to the networks unless the organization exempts it.
     */
    public boolean permitsSignInFrom(InetAddress address, boolean breakGlass) {
        return (breakGlass && allowedNetworksExemptBreakGlass) || AllowedNetworks.parse(allowedNetworks).permits(address);
    }

    /** The policies that differ in {@code after}, as "name: before → after" pairs; empty if none. */
    public String changesTo(OrgPolicies after) {
        List<String> changes = new ArrayList<>();
        for (RecordComponent component : OrgPolicies.class.getRecordComponents()) {
            try {
                Object was = component.getAccessor().invoke(this);
                Object is = component.getAccessor().invoke(after);
                if (!Objects.equals(was, is)) {
                    changes.add(component.getName() + ": " + was + " → " + is);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(", ", changes);
    }
}
