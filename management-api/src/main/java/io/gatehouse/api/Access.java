package io.gatehouse.api;

import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a route that names an organization needs, as Keycloak's own endpoint for the same action
 * needs it: view or manage on that organization, and the further rights in {@link #rights()}.
 */
record Access(boolean managing, Set<Right> rights) {

    static Access view() {
        return new Access(false, Set.of());
    }

    static Access manage() {
        return new Access(true, Set.of());
    }

    Access and(Right right) {
        EnumSet<Right> more = rights.isEmpty() ? EnumSet.noneOf(Right.class) : EnumSet.copyOf(rights);
        more.add(right);
        return new Access(managing, Set.copyOf(more));
    }

    /** Decided by Keycloak's evaluator: view on the organization, manage on it if asked, and every further right. */
    boolean grantedTo(AdminPermissionEvaluator auth, OrganizationModel org) {
        return auth.orgs().canView(org) && (!managing || auth.orgs().canManage(org))
                && rights.stream().allMatch(right -> right.grantedTo(auth));
    }

    /** The same on every organization: for what belongs to the whole realm (a realm-wide webhook endpoint). */
    boolean grantedOnAllTo(AdminPermissionEvaluator auth) {
        return auth.orgs().canView() && (!managing || auth.orgs().canManage())
                && rights.stream().allMatch(right -> right.grantedTo(auth));
    }

    /** What the refusal of {@link #grantedOnAllTo} tells the admin they lack. */
    String needsOnAll() {
        String orgs = managing
                ? "manage on all organizations (manage-organizations or manage-realm)"
                : "view on all organizations (view-organizations, manage-organizations or manage-realm)";
        return rights.isEmpty() ? orgs : orgs + " and " + rights.stream().sorted().map(Right::role).collect(Collectors.joining(" and "));
    }

    /** What the refusal tells the admin they lack. */
    String needs() {
        String org = managing
                ? "manage on this organization (manage-organizations, manage-realm, or a fine-grained permission to manage it)"
                : "view on this organization (view-organizations, manage-organizations, manage-realm, or a fine-grained permission to view it)";
        return rights.isEmpty() ? org : org + " and " + rights.stream().sorted().map(Right::role).collect(Collectors.joining(" and "));
    }
}
