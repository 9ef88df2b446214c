package io.gatehouse.sso;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Optional;
import java.util.Set;

/**
 * What the first brokered login knows about the existing account that has the login's email, and
 * the one rule for when the login may be linked to it without asking: the account is the person an
 * organization provisioned (a managed member of the connection's organization, tied to no other
 * organization), and the connection vouches for exactly that person (its organization's domain rule
 * passes the email it asserted, it did not call the email unverified, and the email is the account's).
 * Anything else is left to Keycloak's confirm-and-prove steps, so an account nobody provisioned is
 * never taken over by email alone.
 *
 * @param connectionOrgId        the organization of the connection the login came through; null if none
 * @param connectionOrg          Gatehouse's view of that organization; empty if it is gone
 * @param orgEnabled             whether Keycloak's organization exists and is enabled
 * @param managedByConnectionOrg whether the account is a managed member of that organization (created by
 *                               one of its directories or an earlier login through one of its connections)
 * @param accountOrgs            every organization the account came in through ({@link ConnectedOrgs#ofUser})
 * @param linkedToConnection     whether the account already has an identity of this connection
 * @param accountEmail           the account's email
 * @param accountEnabled         whether the account is enabled (a directory's {@code active=false} disables it)
 * @param checkedEmail           the email the connection asserted, as the domain check passed it on this login
 * @param emailVerified          what the IdP said of that email ({@code email_verified}); null if it said nothing
 */
record ProvisionedAccount(String connectionOrgId,
                          Optional<Org> connectionOrg,
                          boolean orgEnabled,
                          boolean managedByConnectionOrg,
                          Set<String> accountOrgs,
                          boolean linkedToConnection,
                          String accountEmail,
                          boolean accountEnabled,
                          String checkedEmail,
                          Boolean emailVerified) {

    /** Reads the facts from Keycloak for a first brokered login and the existing account it found. */
    static ProvisionedAccount of(KeycloakSession session, BrokeredIdentityContext login, UserModel account) {
        IdentityProviderModel connection = login.getIdpConfig();
        String orgId = connection.getOrganizationId();
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = orgId == null || organizations == null || !organizations.isEnabled() ? null : organizations.getById(orgId);
        return new ProvisionedAccount(orgId,
                orgId == null ? Optional.empty() : session.getProvider(GatehouseOrganizations.class).find(orgId),
                org != null && org.isEnabled(),
                org != null && organizations.isManagedMember(org, account),
                ConnectedOrgs.ofUser(session, account),
                session.users().getFederatedIdentity(session.getContext().getRealm(), account, connection.getAlias()) != null,
                account.getEmail(),
                account.isEnabled(),
                CheckedEmailKeeper.checkedEmail(login),
                AssertedIdentity.of(login, ConnectionSettings.of(connection)).emailVerified());
    }

    enum Outcome {
        /** Link without asking. */
        LINK,
        /** The organization's own account, but disabled: no link and no session. */
        DISABLED,
        /** Not shown to be the same person: Keycloak's own steps decide. */
        ASK
    }

    /** The outcome and, for the log, why. */
    record Decision(Outcome outcome, String reason) {
    }

    Decision decide() {
        if (connectionOrgId == null) {
            return ask("connection_of_no_organization");
        }
        if (connectionOrg.isEmpty() || !orgEnabled) {
            return ask("organization_not_found_or_disabled");
        }
        if (!managedByConnectionOrg) {
            return ask("not_a_managed_member_of_the_connections_organization");
        }
        if (!accountOrgs.equals(Set.of(connectionOrgId))) {
            return ask("account_of_another_organization_too");
        }
        if (EmailDomainPolicy.judge(checkedEmail, connectionOrg.get()) != EmailDomainPolicy.Verdict.ALLOWED) {
            return ask("email_outside_the_organization");
        }
        if (Boolean.FALSE.equals(emailVerified)) {
            return ask("email_not_verified");
        }
        if (accountEmail == null || !accountEmail.equalsIgnoreCase(checkedEmail)) {
            return ask("email_differs_from_the_account");
        }
        if (linkedToConnection) {
            return ask("account_has_another_identity_of_this_connection");
        }
        if (!accountEnabled) {
            return new Decision(Outcome.DISABLED, "account_disabled");
        }
        return new Decision(Outcome.LINK, "provisioned_by_the_organization");
    }

    /**
     * Whether a linked login also proves the mailbox, so the account's email may be marked verified
     * (as Keycloak does for an identity provider it trusts with emails, but only here): the
     * organization provisioned the account with this email, its own connection asserted it and did
     * not call it unverified, and the address is in a domain the organization proved it holds by
     * DNS. An unproved domain is only the organization's word, and a verified email is what other
     * applications of the realm trust to match accounts, so there Keycloak's own email check stays.
     */
    boolean provesEmail() {
        return decide().outcome() == Outcome.LINK && !Boolean.FALSE.equals(emailVerified)
                && EmailDomainPolicy.provenFor(checkedEmail, connectionOrg.orElseThrow());
    }

    private static Decision ask(String reason) {
        return new Decision(Outcome.ASK, reason);
    }
}
