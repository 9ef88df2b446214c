package io.gatehouse.api;

import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.function.Predicate;

/**
 * A realm-wide right an action needs besides its right on the organization, named as Keycloak's
 * admin roles name it and decided by Keycloak's own evaluator (roles, or fine-grained permissions).
 */
enum Right {

    QUERY_USERS("query-users", auth -> auth.users().canQuery()),
    MANAGE_USERS("manage-users", auth -> auth.users().canManage()),
    VIEW_IDENTITY_PROVIDERS("view-identity-providers", auth -> auth.realm().canViewIdentityProviders()),
    MANAGE_IDENTITY_PROVIDERS("manage-identity-providers", auth -> auth.realm().canManageIdentityProviders()),
    VIEW_EVENTS("view-events", auth -> auth.realm().canViewEvents());

    private final String role;
    private final Predicate<AdminPermissionEvaluator> granted;

    Right(String role, Predicate<AdminPermissionEvaluator> granted) {
        this.role = role;
        this.granted = granted;
    }

    boolean grantedTo(AdminPermissionEvaluator auth) {
        return granted.test(auth);
    }

    /** The admin role that grants it. */
    String role() {
        return role;
    }
}
