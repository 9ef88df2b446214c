package io.gatehouse.scim.protocol;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.AccessToken;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallerCheckTest {

    private static final String BOUND = "entra-provisioning";
    private static final String BOUND_UUID = "5b0e6c1e-0000-4000-8000-000000000001";

    @Test
    void accepts_the_bound_clients_service_account_token_with_scope_scim() {
        assertTrue(CallerCheck.isBoundClientsOwn(token(BOUND, "profile scim email"), BOUND, BOUND_UUID, BOUND_UUID));
    }

    @Test
    void refuses_a_persons_token_of_the_bound_client() {
        assertFalse(CallerCheck.isBoundClientsOwn(token(BOUND, "scim"), BOUND, BOUND_UUID, null));
    }

    @Test
    void refuses_another_clients_service_account_acting_through_the_bound_client() {
        assertFalse(CallerCheck.isBoundClientsOwn(token(BOUND, "scim"), BOUND, BOUND_UUID, "6c1f7d2f-0000-4000-8000-000000000002"));
    }

    @Test
    void refuses_a_token_issued_to_another_client() {
        assertFalse(CallerCheck.isBoundClientsOwn(token("other-app", "scim"), BOUND, BOUND_UUID, BOUND_UUID));
    }

    @Test
    void refuses_a_token_without_scope_scim() {
        assertFalse(CallerCheck.isBoundClientsOwn(token(BOUND, "profile email"), BOUND, BOUND_UUID, BOUND_UUID));
        assertFalse(CallerCheck.isBoundClientsOwn(token(BOUND, "scim:read"), BOUND, BOUND_UUID, BOUND_UUID));
        assertFalse(CallerCheck.isBoundClientsOwn(token(BOUND, null), BOUND, BOUND_UUID, BOUND_UUID));
    }

    private static AccessToken token(String issuedFor, String scope) {
        AccessToken token = new AccessToken();
        token.issuedFor(issuedFor);
        token.setScope(scope);
        return token;
    }
}
