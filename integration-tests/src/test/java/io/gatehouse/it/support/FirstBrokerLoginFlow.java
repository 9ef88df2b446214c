package io.gatehouse.it.support;

import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a realm's first broker login does with an identity whose email an account already has. */
public final class FirstBrokerLoginFlow {

    public static final String ALIAS = "gatehouse first broker login";
    private static final String CREATION_OR_LINKING = "gatehouse user creation or linking";

    private FirstBrokerLoginFlow() {
    }

    /**
     * The realm binds the templates' flow, in which Keycloak creates the user if no account has the
     * email, otherwise Gatehouse links an account the organization provisioned, otherwise Keycloak asks
     * (confirm, then prove by email or sign-in). Alternatives, in this order, so each one that steps
     * aside leaves the decision to the next.
     */
    public static void assertLinksProvisionedAccountsBeforeAsking(RealmResource realm) {
        assertEquals(ALIAS, realm.toRepresentation().getFirstBrokerLoginFlow());
        List<String> steps = realm.flows().getExecutions(CREATION_OR_LINKING).stream()
                .filter(step -> step.getLevel() == 0)
                .map(FirstBrokerLoginFlow::describe)
                .toList();
        assertEquals(List.of("idp-create-user-if-unique ALTERNATIVE", "gatehouse-link-provisioned-account ALTERNATIVE",
                "subflow 'gatehouse handle existing account' ALTERNATIVE"), steps);
    }

    private static String describe(AuthenticationExecutionInfoRepresentation step) {
        String what = Boolean.TRUE.equals(step.getAuthenticationFlow()) ? "subflow '" + step.getDisplayName() + "'" : step.getProviderId();
        return what + " " + step.getRequirement();
    }
}
