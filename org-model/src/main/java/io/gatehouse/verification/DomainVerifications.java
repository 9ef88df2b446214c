package io.gatehouse.verification;

import io.gatehouse.domain.Domain;
import io.gatehouse.domain.DomainName;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.persistence.DomainVerificationEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * DNS TXT proof of domain ownership. A domain is pending until its record is seen, then verified
 * (Keycloak's own "verified" flag on the organization's domain is set, so the native console
 * shows it too); a challenge not met within the configured time fails and must be started again.
 * A wildcard ({@code *.acme.test}) is proven by the record of its base name: whoever runs the DNS of
 * acme.test runs the names below it.
 */
public final class DomainVerifications {

    private static final Logger LOG = Logger.getLogger(DomainVerifications.class);
    static final String RECORD_PREFIX = "_gatehouse-challenge.";
    static final String VALUE_PREFIX = "gatehouse-domain-verification=";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final TxtRecordLookup dns;
    private final Duration expiry;

    public DomainVerifications(EntityManager em, TxtRecordLookup dns, Duration expiry) {
        this.em = em;
        this.dns = dns;
        this.expiry = expiry;
    }

    /** Returns the record to publish; repeating the call while a challenge is open returns the same record. */
    public DomainVerification start(OrganizationModel org, Domain domain) {
        boolean verifiedInKeycloak = requireDomainOf(org, domain).isVerified();
        Optional<DomainVerificationEntity> existing = find(org, domain);
        DomainVerificationEntity challenge = existing
                .filter(c -> verifiedInKeycloak || isOpen(c))
                .orElseGet(() -> newChallenge(org, domain, existing));
        return view(challenge, verifiedInKeycloak ? VerificationStatus.VERIFIED : status(challenge), null);
    }

    /** Looks the TXT record up now and records what was found. */
    public DomainVerification check(OrganizationModel org, Domain domain) {
        boolean verifiedInKeycloak = requireDomainOf(org, domain).isVerified();
        DomainVerificationEntity challenge = find(org, domain).orElseThrow(() -> OrgRequestException.notFound(
                "verification_not_started",
                "Verification of " + domain + " has not been started: POST to this URL first to get the TXT record."));
        if (verifiedInKeycloak) {
            return view(challenge, VerificationStatus.VERIFIED, null);
        }
        if (status(challenge) == VerificationStatus.FAILED) {
            return view(markFailed(challenge), VerificationStatus.FAILED,
                    "The challenge expired before the record was found. Start verification again for a new record.");
        }
        challenge.setCheckedAt(Time.currentTimeMillis());
        if (dns.txtValues(recordName(domain.base())).contains(challenge.getRecordValue())) {
            challenge.setStatus(VerificationStatus.VERIFIED.name());
            markVerifiedInKeycloak(org, domain);
            LOG.infof("Domain '%s' of organization '%s' is verified by DNS", domain, org.getId());
            return view(challenge, VerificationStatus.VERIFIED, null);
        }
        return view(challenge, VerificationStatus.PENDING,
                "No TXT record with the expected value was found at " + recordName(domain.base()) + " yet. DNS changes can take a while to appear.");
    }

    /** Whether the domain's challenge is stored as pending (an expired one too, until a check marks it failed). */
    public boolean isPending(OrganizationModel org, Domain domain) {
        return find(org, domain).map(c -> VerificationStatus.PENDING.name().equals(c.getStatus())).orElse(false);
    }

    /** Forgets challenges of domains the organization no longer has. */
    public void forgetAllBut(OrganizationModel org, Set<Domain> kept) {
        Set<String> keptNames = kept.stream().map(Domain::value).collect(Collectors.toSet());
        em.createNamedQuery("ghVerificationsOfOrg", DomainVerificationEntity.class)
                .setParameter("orgId", org.getId())
                .getResultStream()
                .filter(c -> !keptNames.contains(c.getDomain()))
                .forEach(em::remove);
    }

    private OrganizationDomainModel requireDomainOf(OrganizationModel org, Domain domain) {
        return org.getDomains()
                .filter(d -> d.getName().equals(domain.value()))
                .findFirst()
                .orElseThrow(() -> OrgRequestException.notFound("domain_not_found",
                        domain + " is not one of this organization's domains."));
    }

    private Optional<DomainVerificationEntity> find(OrganizationModel org, Domain domain) {
        return em.createNamedQuery("ghVerificationOfDomain", DomainVerificationEntity.class)
                .setParameter("orgId", org.getId())
                .setParameter("domain", domain.value())
                .getResultStream()
                .findFirst();
    }

    private boolean isOpen(DomainVerificationEntity challenge) {
        return status(challenge) != VerificationStatus.FAILED;
    }

    private static VerificationStatus status(DomainVerificationEntity challenge) {
        VerificationStatus stored = VerificationStatus.valueOf(challenge.getStatus());
        if (stored == VerificationStatus.PENDING && Time.currentTimeMillis() >= challenge.getExpiresAt()) {
            return VerificationStatus.FAILED;
        }
        return stored;
    }

    private DomainVerificationEntity markFailed(DomainVerificationEntity challenge) {
        challenge.setStatus(VerificationStatus.FAILED.name());
        challenge.setCheckedAt(Time.currentTimeMillis());
        return challenge;
    }

    private DomainVerificationEntity newChallenge(OrganizationModel org, Domain domain, Optional<DomainVerificationEntity> old) {
        old.ifPresent(previous -> {
            em.remove(previous);
            em.flush();
        });
        long now = Time.currentTimeMillis();
        DomainVerificationEntity challenge = new DomainVerificationEntity();
        challenge.setId(KeycloakModelUtils.generateId());
        challenge.setOrgId(org.getId());
        challenge.setDomain(domain.value());
        challenge.setRecordValue(VALUE_PREFIX + randomToken());
        challenge.setStatus(VerificationStatus.PENDING.name());
        challenge.setStartedAt(now);
        challenge.setExpiresAt(now + expiry.toMillis());
        em.persist(challenge);
        return challenge;
    }

    private static void markVerifiedInKeycloak(OrganizationModel org, Domain domain) {
        org.setDomains(org.getDomains()
                .map(d -> d.getName().equals(domain.value()) ? new OrganizationDomainModel(d.getName(), true) : d)
                .collect(Collectors.toSet()));
    }

    private static DomainVerification view(DomainVerificationEntity challenge, VerificationStatus status, String message) {
        return new DomainVerification(challenge.getDomain(), recordName(Domain.parse(challenge.getDomain()).base()),
                challenge.getRecordValue(), status, challenge.getCheckedAt(), challenge.getExpiresAt(), message);
    }

    static String recordName(DomainName domain) {
        return RECORD_PREFIX + domain.value();
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
