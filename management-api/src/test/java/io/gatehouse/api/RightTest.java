package io.gatehouse.api;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.gatehouse.api.FakePermissions.granting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each right is decided by the one check Keycloak's own endpoints use for it. */
class RightTest {

    private static final Map<Right, String> KEYCLOAKS_CHECK = Map.of(
            Right.QUERY_USERS, "users.canQuery",
            Right.MANAGE_USERS, "users.canManage",
            Right.VIEW_IDENTITY_PROVIDERS, "realm.canViewIdentityProviders",
            Right.MANAGE_IDENTITY_PROVIDERS, "realm.canManageIdentityProviders",
            Right.VIEW_EVENTS, "realm.canViewEvents");

    @Test
    void each_right_follows_keycloaks_check_and_no_other() {
        assertEquals(Right.values().length, KEYCLOAKS_CHECK.size(), "every right has its check here");
        for (Right right : Right.values()) {
            assertTrue(right.grantedTo(granting(KEYCLOAKS_CHECK.get(right))), right.name());
            String[] everyOther = KEYCLOAKS_CHECK.entrySet().stream().filter(e -> e.getKey() != right).map(Map.Entry::getValue).toArray(String[]::new);
            assertFalse(right.grantedTo(granting(everyOther)), right + " is not granted by the others' checks");
        }
    }

    @Test
    void each_right_is_named_by_its_admin_role() {
        assertEquals("manage-identity-providers", Right.MANAGE_IDENTITY_PROVIDERS.role());
        assertEquals("query-users", Right.QUERY_USERS.role());
        assertEquals("view-events", Right.VIEW_EVENTS.role());
    }
}
