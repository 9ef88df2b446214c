package io.gatehouse.api;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgDraft;
import org.keycloak.models.KeycloakSession;

import java.util.function.Function;

/**
 * Changes an organization and puts a change of its policies in its activity log. The API's
 * {@code PUT /orgs/{id}} and the console's onboarding page both change organizations here.
 */
final class OrgUpdate {

    private OrgUpdate() {
    }

    /** @param draft the organization as it should be, given how it is now */
    static Org apply(KeycloakSession session, String id, Function<Org, OrgDraft> draft, String caller) {
        GatehouseOrganizations orgs = session.getProvider(GatehouseOrganizations.class);
        Org current = orgs.get(id);
        Org org = orgs.update(id, draft.apply(current));
        String changes = current.policies().changesTo(org.policies());
        if (!changes.isEmpty()) {
            new ActivityLog(session).record(id, Activity.of("org.policies_changed", Activity.Outcome.SUCCESS, caller, "policies", changes));
        }
        return org;
    }
}
