package io.gatehouse.sso;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.domain.EmailDomainPolicy.Verdict;
import io.gatehouse.domain.DomainName;
import io.gatehouse.domain.InvalidDomainException;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs on every brokered login through an identity provider linked to an organization, before
 * Keycloak looks up or creates the user: the email the IdP asserted must belong to one of the
 * organization's domains ({@link EmailDomainPolicy}), or the login ends here and no user is created.
 * Gatehouse attaches it to every org-linked identity provider ({@link EnforcementAttacher}); on an
 * identity provider that no longer has an organization it refuses every login (fail closed). A
 * connection that is not active ({@link ConnectionState}) lets only test logins through, and a
 * test that passes activates a draft.
 */
public final class DomainEnforcementMapper extends AbstractIdentityProviderMapper {

    public static final String ID = "gatehouse-domain-enforcement";

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        String orgId = context.getIdpConfig().getOrganizationId();
        // An IdP that carries the check but no organization (unlinked through Keycloak's API) has no
        // domains to hold its logins to: it signs in no one until it is linked again or the check removed.
        Optional<Org> org = orgId == null ? Optional.empty() : session.getProvider(GatehouseOrganizations.class).find(orgId);
        if (org.isEmpty()) {
            throw LoginRefusal.refuse(session, realm, context, orgId, "organization_not_found", "gatehouseDomainNotAllowed");
        }
        boolean test = ConnectionTests.testOf(context.getAuthenticationSession()).isPresent();
        // A draft or stopped connection signs no one in, however the login reached it (kc_idp_hint, a
        // bookmarked broker URL, Keycloak's own buttons): only a test login goes through a draft.
        ConnectionState state = new ConnectionStates(session).of(context.getIdpConfig()).state();
        if (!test && !state.signsIn()) {
            throw LoginRefusal.refuse(session, realm, context, orgId, "connection_" + state.code(), "gatehouseConnectionNotActive");
        }
        AssertedIdentity asserted = AssertedIdentity.of(context, ConnectionSettings.of(context.getIdpConfig()));
        Optional<Refusal> refusal = judge(asserted, org.get(), ConnectionSettings.of(context.getIdpConfig()));
        if (test) {
            throw testLoginRecorded(session, context, asserted, refusal);
        }
        if (refusal.isPresent()) {
            throw LoginRefusal.refuse(session, realm, context, orgId, refusal.get().code(), refusal.get().messageKey());
        }
        // Keycloak and later steps see the address exactly as it was checked, and the account keeps it.
        context.setEmail(asserted.email());
        CheckedEmailKeeper.remember(context, asserted.email());
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        CheckedEmailKeeper.keepOn(session, user, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        CheckedEmailKeeper.keepOn(session, user, context);
    }

    /** Why a login is refused: the event's reason code, the end user's message, and the whole story for the IT admin testing it. */
    private record Refusal(String code, String messageKey, String explanation) {
    }

    private static Optional<Refusal> judge(AssertedIdentity asserted, Org org, ConnectionSettings settings) {
        Verdict verdict = EmailDomainPolicy.judge(asserted.email(), org);
        return switch (verdict) {
            case NO_EMAIL -> Optional.of(new Refusal(verdict.code(), "gatehouseNoEmail",
                    "The IdP sent no email address. Send the user's email as the NameID or an email attribute (SAML), or in the email claim (OIDC)."));
            case MALFORMED_EMAIL -> Optional.of(new Refusal(verdict.code(), "gatehouseNoEmail",
                    "The IdP sent '" + asserted.email() + "' as the email, which is not an email address."));
            case DOMAIN_NOT_ALLOWED -> Optional.of(new Refusal(verdict.code(), "gatehouseDomainNotAllowed",
                    "The email " + asserted.email() + " is outside this organization's domains ("
                            + org.domains().stream().map(Org.OrgDomain::name).collect(Collectors.joining(", ")) + ")."));
            case DOMAIN_NOT_VERIFIED -> Optional.of(new Refusal(verdict.code(), "gatehouseDomainNotAllowed",
                    "The email " + asserted.email() + " is in a domain this organization has not verified yet; verify it with its DNS TXT record."));
            case ALLOWED -> {
                if (Boolean.FALSE.equals(asserted.emailVerified()) && !settings.allowUnverifiedEmail()) {
                    yield Optional.of(new Refusal("email_not_verified", "gatehouseEmailNotVerified",
                            "The IdP says the email " + asserted.email() + " is not verified."));
                }
                if (asserted.hostedDomain() != null && !sameDomain(asserted.hostedDomain(), asserted.email())) {
                    yield Optional.of(new Refusal("hosted_domain_mismatch", "gatehouseDomainNotAllowed",
                            "Google's hosted domain (hd) " + asserted.hostedDomain() + " is not the domain of the email " + asserted.email() + "."));
                }
                yield Optional.empty();
            }
        };
    }

    /**
     * A "Test connection" login goes no further than this: what the IdP sent and the verdict are
     * recorded, and the browser returns to the setup portal without a user or a session.
     */
    private static WebApplicationException testLoginRecorded(KeycloakSession session, BrokeredIdentityContext context,
                                                             AssertedIdentity asserted, Optional<Refusal> refusal) {
        String testId = ConnectionTests.testOf(context.getAuthenticationSession()).orElseThrow();
        ConnectionTests tests = new ConnectionTests(session);
        boolean started = tests.pendingFor(testId, context.getIdpConfig());
        tests.recordIdentity(testId, asserted, context, AssertedIdentity.groups(context), refusal.map(Refusal::explanation).orElse(null));
        if (refusal.isEmpty() && started) {
            new ConnectionStates(session).testPassed(context.getIdpConfig());
        }
        String back = context.getAuthenticationSession().getRedirectUri() + "?test=" + URLEncoder.encode(testId, StandardCharsets.UTF_8);
        return new WebApplicationException(Response.seeOther(URI.create(back)).build());
    }

    private static boolean sameDomain(String hostedDomain, String email) {
        try {
            return DomainName.parse(hostedDomain).equals(DomainName.parse(email.substring(email.indexOf('@') + 1)));
        } catch (InvalidDomainException e) {
            return false;
        }
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public String[] getCompatibleProviders() {
        return new String[]{ANY_PROVIDER};
    }

    @Override
    public String getDisplayCategory() {
        return "Gatehouse";
    }

    @Override
    public String getDisplayType() {
        return "Organization domain enforcement";
    }

    @Override
    public String getHelpText() {
        return "Refuses a login unless the email the IdP asserted belongs to one of the linked organization's domains, "
                + "and every login while the identity provider is linked to no organization. "
                + "Gatehouse adds it to every identity provider linked to an organization and adds it back if removed.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public String getId() {
        return ID;
    }
}
