package io.gatehouse.sso;

import io.gatehouse.org.Org;
import io.gatehouse.org.OrgPolicies;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.gatehouse.sso.ProvisionedAccount.Outcome.ASK;
import static io.gatehouse.sso.ProvisionedAccount.Outcome.DISABLED;
import static io.gatehouse.sso.ProvisionedAccount.Outcome.LINK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * When a first brokered login is linked to an existing account without asking: only for the
 * account the connection's organization provisioned, with the email the connection vouches for.
 * Each case starts from the one that links and breaks one condition.
 */
class ProvisionedAccountTest {

    private static final String ACME = "org-acme";
    private static final Org ACME_ORG = new Org(ACME, "Acme", "acme", List.of(new Org.OrgDomain("acme.test", false)), null,
            Map.of(), OrgPolicies.DEFAULTS);

    private static ProvisionedAccount carol() {
        return new ProvisionedAccount(ACME, Optional.of(ACME_ORG), true, true, Set.of(ACME), false,
                "carol@acme.test", true, "carol@acme.test", null);
    }

    @Test
    void links_the_organizations_managed_member_with_the_asserted_email() {
        assertEquals(LINK, carol().decide().outcome());
    }

    @Test
    void links_when_the_idp_says_the_email_is_verified_and_the_case_differs() {
        ProvisionedAccount c = carol();
        assertEquals(LINK, new ProvisionedAccount(c.connectionOrgId(), c.connectionOrg(), true, true, c.accountOrgs(), false,
                "Carol@ACME.test", true, "carol@acme.test", true).decide().outcome());
    }

    @Test
    void asks_for_a_connection_of_no_organization() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(null, Optional.empty(), false, false, c.accountOrgs(), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void asks_when_the_organization_is_gone_or_disabled() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, Optional.empty(), true, true, c.accountOrgs(), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), false, true, c.accountOrgs(), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void asks_for_an_unmanaged_member_or_a_non_member() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, false, Set.of(), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void asks_for_an_account_tied_to_another_organization_as_well() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, Set.of(ACME, "org-rival"), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, Set.of("org-rival"), false,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void asks_when_the_checked_email_is_outside_the_organization_or_missing() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                "carol@rival.test", true, "carol@rival.test", null).decide().outcome());
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                c.accountEmail(), true, null, null).decide().outcome());
    }

    @Test
    void asks_when_the_idp_says_the_email_is_not_verified() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                c.accountEmail(), true, c.checkedEmail(), false).decide().outcome());
    }

    @Test
    void asks_when_the_asserted_email_is_not_the_accounts() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                "dave@acme.test", true, c.checkedEmail(), null).decide().outcome());
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                null, true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void asks_when_the_account_already_has_another_identity_of_this_connection() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), true,
                c.accountEmail(), true, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void refuses_the_organizations_own_account_when_it_is_disabled() {
        ProvisionedAccount c = carol();
        assertEquals(DISABLED, new ProvisionedAccount(ACME, c.connectionOrg(), true, true, c.accountOrgs(), false,
                c.accountEmail(), false, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void a_disabled_account_that_is_not_the_organizations_is_left_to_keycloak() {
        ProvisionedAccount c = carol();
        assertEquals(ASK, new ProvisionedAccount(ACME, c.connectionOrg(), true, false, Set.of(), false,
                c.accountEmail(), false, c.checkedEmail(), null).decide().outcome());
    }

    @Test
    void a_link_proves_the_mailbox_only_through_a_domain_the_organization_proved_by_dns() {
        Org proven = new Org(ACME, "Acme", "acme", List.of(new Org.OrgDomain("acme.test", true)), null, Map.of(), OrgPolicies.DEFAULTS);
        assertFalse(carol().provesEmail(), "an unverified domain is only the organization's word");
        assertTrue(new ProvisionedAccount(ACME, Optional.of(proven), true, true, Set.of(ACME), false,
                "carol@acme.test", true, "Carol@ACME.test", null).provesEmail());
        assertTrue(new ProvisionedAccount(ACME, Optional.of(proven), true, true, Set.of(ACME), false,
                "carol@acme.test", true, "carol@acme.test", true).provesEmail());
        assertFalse(new ProvisionedAccount(ACME, Optional.of(proven), true, true, Set.of(ACME), false,
                "carol@acme.test", true, "carol@acme.test", false).provesEmail(), "the IdP called it unverified");
        assertFalse(new ProvisionedAccount(ACME, Optional.of(proven), true, false, Set.of(ACME), false,
                "carol@acme.test", true, "carol@acme.test", null).provesEmail(), "no link, nothing proven");
    }
}
