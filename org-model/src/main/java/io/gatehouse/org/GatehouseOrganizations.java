package io.gatehouse.org;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.domain.Domain;
import io.gatehouse.domain.InvalidDomainException;
import io.gatehouse.domain.OrgDomainRules;
import io.gatehouse.events.ChangedFields;
import io.gatehouse.events.EventStream;
import io.gatehouse.events.EventTypes;
import io.gatehouse.persistence.OrgSettingsEntity;
import io.gatehouse.verification.DomainVerification;
import io.gatehouse.verification.DomainVerifications;
import io.gatehouse.verification.TxtRecordLookup;
import io.gatehouse.verification.VerificationStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.provider.Provider;

import java.text.Normalizer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Organizations of the session's realm, as Gatehouse sees them: Keycloak's organization (name,
 * alias, domains, attributes) plus Gatehouse's settings (external ID, policies). Every caller (REST
 * API, setup portal) goes through here, so the rules are enforced once.
 */
public final class GatehouseOrganizations implements Provider {

    private final KeycloakSession session;
    private final OrgDomainRules domainRules;
    private final Regions regions;
    private final TxtRecordLookup dns;
    private final Duration verificationExpiry;

    GatehouseOrganizations(KeycloakSession session, OrgDomainRules domainRules, Regions regions, TxtRecordLookup dns,
                           Duration verificationExpiry) {
        this.session = session;
        this.domainRules = domainRules;
        this.regions = regions;
        this.dns = dns;
        this.verificationExpiry = verificationExpiry;
    }

    public OrgDomainRules domainRules() {
        return domainRules;
    }

    /** The operator's regions, which a request's region and backendUrl attributes are placed by. */
    public Regions regions() {
        return regions;
    }

    public Org create(OrgDraft draft) {
        OrganizationProvider organizations = enabledOrganizations();
        requireNameFree(organizations, draft.name(), null);
        String alias = draft.alias() != null ? draft.alias() : freeAliasFor(organizations, draft.name());
        requireAliasFree(organizations, alias);
        requireExternalIdFree(draft.externalId(), null);
        claims().requireFree(draft.domains(), draft.policies().allowSubdomains(), null);

        OrganizationModel org = createNative(organizations, draft, alias);
        OrgSettingsEntity settings = new OrgSettingsEntity();
        settings.setOrgId(org.getId());
        settings.setRealmId(realm().getId());
        saveSettings(settings, draft);
        claims().claim(org.getId(), draft.domains());
        Org created = reread(org.getId(), settings);
        events().record(realm(), created.id(), EventTypes.ORGANIZATION_CREATED, created);
        return created;
    }

    public Optional<Org> find(String id) {
        return findNative(id).map(org -> view(org, settingsOf(org.getId()).orElse(null)));
    }

    public Org get(String id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    /** One page of organizations whose name, alias or domain contains {@code search}. */
    public List<Org> search(String search, int first, int max) {
        List<OrganizationModel> page = enabledOrganizations().getAllStream(search, false, first, max).toList();
        Map<String, OrgSettingsEntity> settings = settingsOf(page.stream().map(OrganizationModel::getId).toList());
        return page.stream().map(org -> view(org, settings.get(org.getId()))).toList();
    }

    public Optional<Org> findByExternalId(String externalId) {
        return settingsByExternalId(externalId).flatMap(s -> findNative(s.getOrgId()).map(org -> view(org, s)));
    }

    public Org update(String id, OrgDraft draft) {
        OrganizationProvider organizations = enabledOrganizations();
        OrganizationModel org = findNative(id).orElseThrow(() -> notFound(id));
        JsonNode before = ChangedFields.json(view(org, settingsOf(id).orElse(null)));
        if (draft.alias() != null && !draft.alias().equals(org.getAlias())) {
            throw OrgRequestException.invalid("invalid_alias", "alias cannot be changed once set; it is '" + org.getAlias() + "'.");
        }
        requireNameFree(organizations, draft.name(), id);
        requireExternalIdFree(draft.externalId(), id);
        claims().requireFree(draft.domains(), draft.policies().allowSubdomains(), id);

        org.setName(draft.name());
        org.setAttributes(draft.attributes());
        setDomains(org, draft.domains());
        flushOrConflict("name_taken", "An organization named '" + draft.name() + "' already exists.");
        OrgSettingsEntity settings = settingsOf(id).orElseGet(() -> {
            OrgSettingsEntity fresh = new OrgSettingsEntity();
            fresh.setOrgId(id);
            fresh.setRealmId(realm().getId());
            return fresh;
        });
        saveSettings(settings, draft);
        claims().claim(id, draft.domains());
        verifications().forgetAllBut(org, draft.domains());
        Org updated = reread(id, settings);
        JsonNode after = ChangedFields.json(updated);
        Set<String> changed = ChangedFields.between(before, after, Set.of());
        if (!changed.isEmpty()) {
            events().record(realm(), id, EventTypes.ORGANIZATION_UPDATED, ChangedFields.data(after, changed));
        }
        return updated;
    }

    /** Gives an organization made through Keycloak's own API the settings row Gatehouse keeps, with default policies. */
    public void ensureSettings(String id) {
        if (settingsOf(id).isPresent()) {
            return;
        }
        Org org = get(id);
        OrgSettingsEntity fresh = new OrgSettingsEntity();
        fresh.setOrgId(id);
        fresh.setRealmId(realm().getId());
        fresh.setExternalId(org.externalId());
        OrgPolicies policies = org.policies();
        fresh.setSsoRequired(policies.ssoRequired());
        fresh.setMfaForNonSsoUsers(policies.mfaForNonSsoUsers());
        fresh.setAutoJoinByDomain(policies.autoJoinByDomain());
        fresh.setDefaultRole(policies.defaultRole());
        fresh.setAllowSubdomains(policies.allowSubdomains());
        fresh.setRequireVerifiedDomains(policies.requireVerifiedDomains());
        fresh.setScimDeleteDeactivates(policies.scimDeleteDeactivates());
        em().persist(fresh);
    }

    public void delete(String id) {
        OrganizationProvider organizations = enabledOrganizations();
        OrganizationModel org = findNative(id).orElseThrow(() -> notFound(id));
        // Gatehouse's rows go with Keycloak's by ON DELETE CASCADE, the same way as for a native delete;
        // its connections go in the same transaction (the SSO module hears Keycloak's removal event).
        organizations.remove(org);
    }

    public DomainVerification startVerification(String orgId, String domain) {
        return verifications().start(findNative(orgId).orElseThrow(() -> notFound(orgId)), parseExisting(domain));
    }

    /** A check that settles the challenge, verified or expired, is an event; repeating the check is not. */
    public DomainVerification checkVerification(String orgId, String domain) {
        OrganizationModel org = findNative(orgId).orElseThrow(() -> notFound(orgId));
        Domain checked = parseExisting(domain);
        boolean verifiedBefore = org.getDomains().anyMatch(d -> d.getName().equals(checked.value()) && d.isVerified());
        boolean pendingBefore = verifications().isPending(org, checked);
        DomainVerification verification = verifications().check(org, checked);
        boolean verified = verification.status() == VerificationStatus.VERIFIED && !verifiedBefore;
        if (verified || (verification.status() == VerificationStatus.FAILED && pendingBefore)) {
            events().record(realm(), orgId, verified ? EventTypes.DOMAIN_VERIFIED : EventTypes.DOMAIN_VERIFICATION_FAILED,
                    Map.of("organizationId", orgId, "domain", verification.domain(), "status", verification.status().wireName()));
        }
        return verification;
    }

    private OrganizationModel createNative(OrganizationProvider organizations, OrgDraft draft, String alias) {
        OrganizationModel org;
        try {
            org = organizations.create(draft.name(), alias);
        } catch (ModelException e) {
            throw OrgRequestException.conflict("name_taken", e.getMessage());
        }
        org.setAttributes(draft.attributes());
        setDomains(org, draft.domains());
        flushOrConflict("name_taken", "An organization with the name '" + draft.name() + "' or its alias already exists.");
        return org;
    }

    private static void setDomains(OrganizationModel org, Set<Domain> domains) {
        try {
            org.setDomains(keepingVerification(org, domains));
        } catch (ModelException e) {
            throw OrgRequestException.conflict("domain_taken", e.getMessage());
        }
    }

    /** Keycloak's organization adapter caches attributes as first read; answer with what was stored. */
    private Org reread(String id, OrgSettingsEntity settings) {
        return view(findNative(id).orElseThrow(() -> notFound(id)), settings);
    }

    private void saveSettings(OrgSettingsEntity settings, OrgDraft draft) {
        OrgPolicies policies = draft.policies();
        settings.setExternalId(draft.externalId());
        settings.setSsoRequired(policies.ssoRequired());
        settings.setMfaForNonSsoUsers(policies.mfaForNonSsoUsers());
        settings.setAutoJoinByDomain(policies.autoJoinByDomain());
        settings.setDefaultRole(policies.defaultRole());
        settings.setAllowSubdomains(policies.allowSubdomains());
        settings.setRequireVerifiedDomains(policies.requireVerifiedDomains());
        settings.setScimDeleteDeactivates(policies.scimDeleteDeactivates());
        settings.setAllowedNetworks(policies.allowedNetworks().isEmpty() ? null : String.join(",", policies.allowedNetworks()));
        settings.setAllowedNetworksExemptBreakGlass(policies.allowedNetworksExemptBreakGlass());
        if (!em().contains(settings)) {
            em().persist(settings);
        }
        flushOrConflict("external_id_taken", "Another organization already has the external ID '" + draft.externalId() + "'.");
    }

    private static Set<OrganizationDomainModel> keepingVerification(OrganizationModel org, Set<Domain> domains) {
        Map<String, Boolean> verified = org.getDomains()
                .collect(Collectors.toMap(OrganizationDomainModel::getName, OrganizationDomainModel::isVerified));
        return domains.stream()
                .map(d -> new OrganizationDomainModel(d.value(), verified.getOrDefault(d.value(), false)))
                .collect(Collectors.toSet());
    }

    private void requireNameFree(OrganizationProvider organizations, String name, String exceptId) {
        organizations.getAllStream(name, true, 0, 2)
                .filter(o -> o.getName().equals(name) && !o.getId().equals(exceptId))
                .findAny()
                .ifPresent(o -> {
                    throw OrgRequestException.conflict("name_taken", "An organization named '" + name + "' already exists.");
                });
    }

    /** Keycloak needs a URL-safe alias; without one given, derive it from the name ("Acme Inc." becomes "acme-inc"). */
    private static String freeAliasFor(OrganizationProvider organizations, String name) {
        String slug = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "");
        String base = slug.isEmpty() ? "org" : slug.substring(0, Math.min(slug.length(), 60));
        String alias = base;
        for (int n = 2; organizations.getByAlias(alias) != null; n++) {
            alias = base + "-" + n;
        }
        return alias;
    }

    private static void requireAliasFree(OrganizationProvider organizations, String alias) {
        if (alias != null && organizations.getByAlias(alias) != null) {
            throw OrgRequestException.conflict("alias_taken", "An organization with the alias '" + alias + "' already exists.");
        }
    }

    private void requireExternalIdFree(String externalId, String exceptId) {
        if (externalId == null) {
            return;
        }
        settingsByExternalId(externalId)
                .filter(s -> !s.getOrgId().equals(exceptId))
                .ifPresent(s -> {
                    throw OrgRequestException.conflict("external_id_taken",
                            "Another organization already has the external ID '" + externalId + "'.");
                });
    }

    private Domain parseExisting(String domain) {
        try {
            return Domain.parse(domain);
        } catch (InvalidDomainException e) {
            throw OrgRequestException.notFound("domain_not_found", e.getMessage());
        }
    }

    /** Surfaces a lost uniqueness race now, as a conflict; Keycloak's EntityManager reports it as a ModelException. */
    private void flushOrConflict(String code, String message) {
        try {
            em().flush();
        } catch (PersistenceException | ModelException e) {
            throw OrgRequestException.conflict(code, message);
        }
    }

    private Org view(OrganizationModel org, OrgSettingsEntity settings) {
        List<Org.OrgDomain> domains = org.getDomains()
                .map(d -> new Org.OrgDomain(d.getName(), d.isVerified()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        OrgPolicies policies = settings == null ? OrgPolicies.DEFAULTS : new OrgPolicies(settings.isSsoRequired(),
                settings.isMfaForNonSsoUsers(), settings.isAutoJoinByDomain(), settings.getDefaultRole(),
                settings.isAllowSubdomains(), settings.isRequireVerifiedDomains(), settings.isScimDeleteDeactivates(),
                settings.getAllowedNetworks() == null ? List.of() : List.of(settings.getAllowedNetworks().split(",")),
                settings.isAllowedNetworksExemptBreakGlass());
        List<Domain> readable = domains.stream().flatMap(d -> Domain.readStored(d.name()).stream()).toList();
        return new Org(org.getId(), org.getName(), org.getAlias(), domains,
                settings == null ? null : settings.getExternalId(), Map.copyOf(org.getAttributes()), policies,
                claims().nestedClaims(org.getId(), readable, policies.allowSubdomains()));
    }

    private Optional<OrganizationModel> findNative(String id) {
        return Optional.ofNullable(id).map(enabledOrganizations()::getById);
    }

    private Optional<OrgSettingsEntity> settingsOf(String orgId) {
        return Optional.ofNullable(em().find(OrgSettingsEntity.class, orgId));
    }

    private Map<String, OrgSettingsEntity> settingsOf(List<String> orgIds) {
        if (orgIds.isEmpty()) {
            return Map.of();
        }
        return em().createNamedQuery("ghOrgSettingsByIds", OrgSettingsEntity.class)
                .setParameter("orgIds", orgIds)
                .getResultStream()
                .collect(Collectors.toMap(OrgSettingsEntity::getOrgId, Function.identity()));
    }

    private Optional<OrgSettingsEntity> settingsByExternalId(String externalId) {
        return em().createNamedQuery("ghOrgSettingsByExternalId", OrgSettingsEntity.class)
                .setParameter("realmId", realm().getId())
                .setParameter("externalId", externalId)
                .getResultStream()
                .filter(s -> Objects.equals(s.getExternalId(), externalId))
                .findFirst();
    }

    private OrganizationProvider enabledOrganizations() {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (organizations == null || !organizations.isEnabled()) {
            throw OrgRequestException.invalid("organizations_disabled",
                    "Organizations are not enabled in realm '" + realm().getName() + "'. Turn them on in the realm settings.");
        }
        return organizations;
    }

    private DomainClaims claims() {
        return new DomainClaims(em(), realm());
    }

    private EventStream events() {
        return new EventStream(session);
    }

    private DomainVerifications verifications() {
        return new DomainVerifications(em(), dns, verificationExpiry);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private static OrgRequestException notFound(String id) {
        return OrgRequestException.notFound("org_not_found", "No organization with id '" + id + "' in this realm.");
    }

    @Override
    public void close() {
    }
}
