package io.gatehouse.persistence;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.util.Optional;

/** The connections' status rows ({@link ConnectionStatusEntity}), by the identity provider's internal id. */
public final class ConnectionStatuses {

    private final EntityManager em;

    public ConnectionStatuses(KeycloakSession session) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    public Optional<ConnectionStatusEntity> find(String idpId) {
        return Optional.ofNullable(em.find(ConnectionStatusEntity.class, idpId));
    }

    public ConnectionStatusEntity create(String idpId) {
        ConnectionStatusEntity status = new ConnectionStatusEntity();
        status.setIdpId(idpId);
        em.persist(status);
        return status;
    }

    /**
     * Counts a refused IdP answer that was not recorded: one UPDATE, no row read and none added,
     * so it costs the same for the millionth answer as for the first. A connection with no status
     * row yet has recorded nothing, so there is nothing to count against.
     */
    public void countDroppedAnswer(String idpId) {
        em.createNamedQuery("ghConnectionStatusDropAnswer").setParameter("idpId", idpId).executeUpdate();
    }
}
