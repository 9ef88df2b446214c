package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One domain owned by one organization of a realm. Keycloak's ORG_DOMAIN table has no unique key on
 * the domain name (its check is check-then-insert), so this primary key is what makes two parallel
 * requests for the same domain end in one success and one conflict.
 */
@Entity
@Table(name = "GH_DOMAIN_CLAIM")
@IdClass(DomainClaimEntity.Key.class)
@NamedQuery(name = "ghDomainClaimsOfOrg", query = "select c from DomainClaimEntity c where c.orgId = :orgId")
public class DomainClaimEntity {

    @Id
    @Column(name = "REALM_ID", length = 255)
    private String realmId;

    @Id
    @Column(name = "DOMAIN_NAME", length = 255)
    private String domain;

    @Column(name = "ORG_ID", length = 255, nullable = false)
    private String orgId;

    public DomainClaimEntity() {
    }

    public DomainClaimEntity(String realmId, String domain, String orgId) {
        this.realmId = realmId;
        this.domain = domain;
        this.orgId = orgId;
    }

    public String getRealmId() { return realmId; }
    public String getDomain() { return domain; }
    public String getOrgId() { return orgId; }

    public static final class Key implements Serializable {
        private String realmId;
        private String domain;

        public Key() {
        }

        public Key(String realmId, String domain) {
            this.realmId = realmId;
            this.domain = domain;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(realmId, k.realmId) && Objects.equals(domain, k.domain);
        }

        @Override
        public int hashCode() {
            return Objects.hash(realmId, domain);
        }
    }
}
