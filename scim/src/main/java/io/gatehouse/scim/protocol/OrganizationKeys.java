package io.gatehouse.scim.protocol;

import io.gatehouse.scim.persistence.ScimOrgSecretEntity;
import io.gatehouse.secrets.Secrets;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Each organization's key for {@link DerivedUsernames}: 256 random bits, created on first need
 * and kept in the database (every node of a cluster derives the same names). Created in a
 * transaction of its own, so two first requests at once store one key: the loser's insert hits
 * the primary key and it reads the winner's, and neither request's own transaction is harmed.
 */
final class OrganizationKeys {

    private static final Logger LOG = Logger.getLogger(OrganizationKeys.class);

    private OrganizationKeys() {
    }

    static byte[] of(KeycloakSession session, String orgId) {
        String secret = read(Persistence.em(session), orgId)
                .orElseGet(() -> created(session, orgId));
        return secret.getBytes(StandardCharsets.US_ASCII);
    }

    private static String created(KeycloakSession session, String orgId) {
        try {
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), own -> {
                EntityManager em = Persistence.em(own);
                return read(em, orgId).orElseGet(() -> {
                    ScimOrgSecretEntity key = new ScimOrgSecretEntity();
                    key.setOrgId(orgId);
                    key.setSecret(Secrets.mint(""));
                    key.setCreatedAt(System.currentTimeMillis());
                    em.persist(key);
                    em.flush();
                    return key.getSecret();
                });
            });
        } catch (RuntimeException lost) {
            LOG.debugf("Another request created the username key of organization '%s' first: %s", orgId, lost);
            return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(),
                    own -> read(Persistence.em(own), orgId).orElseThrow(() -> lost));
        }
    }

    private static Optional<String> read(EntityManager em, String orgId) {
        return Optional.ofNullable(em.find(ScimOrgSecretEntity.class, orgId)).map(ScimOrgSecretEntity::getSecret);
    }
}
