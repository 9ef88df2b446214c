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
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;
import java.util.Optional;

/**
 * Runs on every brokered login through an identity provider linked to an organization, before
 * Keycloak looks up or creates the user: the email the IdP asserted must belong to one of the
 * organization's domains ({@link EmailDomainPolicy}), or the login ends here and no user is created.
 * Gatehouse attaches it to every org-linked identity provider ({@link EnforcementAttacher}).
 */
public final class DomainEnforcementMapper extends AbstractIdentityProviderMapper {

    public static final String ID = "gatehouse-domain-enforcement";

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        String orgId = context.getIdpConfig().getOrganizationId();
        if (orgId == null) {
            return;
        }
        Optional<Org> org = session.getProvider(GatehouseOrganizations.class).find(orgId);
        if (org.isEmpty()) {
            throw LoginRefusal.refuse(session, realm, context, orgId, "organization_not_found", "gatehouseDomainNotAllowed");
        }
        AssertedIdentity asserted = AssertedIdentity.of(context, ConnectionSettings.of(context.getIdpConfig()));
        Verdict verdict = EmailDomainPolicy.judge(asserted.email(), org.get());
        if (verdict == Verdict.NO_EMAIL || verdict == Verdict.MALFORMED_EMAIL) {
            throw LoginRefusal.refuse(session, realm, context, orgId, verdict.code(), "gatehouseNoEmail");
        }
        if (verdict != Verdict.ALLOWED) {
            throw LoginRefusal.refuse(session, realm, context, orgId, verdict.code(), "gatehouseDomainNotAllowed");
        }
        if (Boolean.FALSE.equals(asserted.emailVerified()) && !ConnectionSettings.of(context.getIdpConfig()).allowUnverifiedEmail()) {
            throw LoginRefusal.refuse(session, realm, context, orgId, "email_not_verified", "gatehouseEmailNotVerified");
        }
        if (asserted.hostedDomain() != null && !sameDomain(asserted.hostedDomain(), asserted.email())) {
            throw LoginRefusal.refuse(session, realm, context, orgId, "hosted_domain_mismatch", "gatehouseDomainNotAllowed");
        }
        // Keycloak and later steps see the address exactly as it was checked.
        context.setEmail(asserted.email());
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
        return "Refuses a login unless the email the IdP asserted belongs to one of the linked organization's domains. "
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
