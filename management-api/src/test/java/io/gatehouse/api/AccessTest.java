package io.gatehouse.api;

import org.junit.jupiter.api.Test;

import static io.gatehouse.api.FakePermissions.granting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessTest {

    @Test
    void viewing_needs_view_on_the_organization() {
        assertTrue(Access.view().grantedTo(granting("orgs.canView"), null));
        assertFalse(Access.view().grantedTo(granting(), null));
        assertFalse(Access.view().grantedTo(granting("orgs.canManage"), null), "Keycloak's locator asks view before manage");
    }

    @Test
    void managing_needs_view_and_manage_on_the_organization() {
        assertTrue(Access.manage().grantedTo(granting("orgs.canView", "orgs.canManage"), null));
        assertFalse(Access.manage().grantedTo(granting("orgs.canView"), null));
    }

    @Test
    void every_further_right_is_needed_too() {
        Access connections = Access.manage().and(Right.MANAGE_IDENTITY_PROVIDERS).and(Right.MANAGE_USERS);
        assertFalse(connections.grantedTo(granting("orgs.canView", "orgs.canManage", "realm.canManageIdentityProviders"), null));
        assertFalse(connections.grantedTo(granting("orgs.canView", "orgs.canManage", "users.canManage"), null));
        assertTrue(connections.grantedTo(granting("orgs.canView", "orgs.canManage", "realm.canManageIdentityProviders", "users.canManage"), null));
        assertFalse(connections.grantedTo(granting("realm.canManageIdentityProviders", "users.canManage"), null),
                "realm rights never stand in for the organization's");
    }

    @Test
    void adding_a_right_leaves_the_original_alone() {
        Access view = Access.view();
        view.and(Right.VIEW_EVENTS);
        assertTrue(view.rights().isEmpty());
    }

    @Test
    void a_refusal_names_what_is_needed_in_keycloaks_role_names() {
        assertEquals("view on this organization (view-organizations, manage-organizations, manage-realm, or a fine-grained permission to view it)"
                + " and view-events", Access.view().and(Right.VIEW_EVENTS).needs());
        String needs = Access.manage().and(Right.MANAGE_USERS).and(Right.MANAGE_IDENTITY_PROVIDERS).needs();
        assertTrue(needs.startsWith("manage on this organization (manage-organizations, manage-realm, or a fine-grained permission to manage it)"), needs);
        assertTrue(needs.endsWith(" and manage-users and manage-identity-providers"), needs);
    }
}
