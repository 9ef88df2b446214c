package io.gatehouse.sso.policy;

import io.gatehouse.org.Org;

import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;

/**
 * {@code allowedNetworks}: a person signs in only from the networks of every organization the
 * sign-in concerns (the ones they are a member of, and the one whose connection they came
 * through). A break-glass account is held to them too, unless the organization exempts it.
 */
final class NetworkRule {

    private NetworkRule() {
    }

    /** The first organization that refuses a sign-in from {@code from} (empty when unknown), if any. */
    static Optional<Org> refusing(Collection<Org> orgs, Optional<InetAddress> from, boolean breakGlass) {
        return orgs.stream()
                .filter(org -> !org.policies().permitsSignInFrom(from.orElse(null), breakGlass))
                .findFirst();
    }
}
