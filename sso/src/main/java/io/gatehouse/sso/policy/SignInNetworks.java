package io.gatehouse.sso.policy;

import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Looks up what {@link NetworkRule} needs for one sign-in: the organizations it concerns and the
 * address it comes from. An organization whose settings cannot be read refuses (fail closed).
 */
final class SignInNetworks {

    /** Stands for an organization that could not be read: it refuses, and its id is what the event names. */
    static final String UNREADABLE = "unreadable";

    private SignInNetworks() {
    }

    /**
     * The id of an organization that refuses this sign-in, if any.
     *
     * @param user          who signs in, or null while the flow does not know yet
     * @param connectionOrg the organization of the connection a brokered sign-in came through, or null
     * @param remoteAddr    the address Keycloak saw the request come from
     */
    static Optional<String> refusingOrg(KeycloakSession session, UserModel user, String connectionOrg, String remoteAddr) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !organizations.isEnabled()) {
            return Optional.empty();
        }
        Set<String> orgIds = new LinkedHashSet<>();
        if (connectionOrg != null) {
            orgIds.add(connectionOrg);
        }
        if (user != null) {
            organizations.getByMember(user).map(OrganizationModel::getId).forEach(orgIds::add);
        }
        if (orgIds.isEmpty()) {
            return Optional.empty();
        }
        List<Org> orgs = new ArrayList<>();
        try {
            GatehouseOrganizations gatehouse = session.getProvider(GatehouseOrganizations.class);
            orgIds.stream().flatMap(id -> gatehouse.find(id).stream()).forEach(orgs::add);
        } catch (RuntimeException e) {
            return Optional.of(UNREADABLE);
        }
        boolean breakGlass = user != null && MemberPolicies.isBreakGlass(session, user);
        return NetworkRule.refusing(orgs, ClientAddress.parse(remoteAddr), breakGlass).map(Org::id);
    }
}
