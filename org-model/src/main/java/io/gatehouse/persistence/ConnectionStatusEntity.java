package io.gatehouse.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * When a connection (a Keycloak identity provider) last let someone in, its last error, how
 * many refused IdP answers were dropped unrecorded because their login already had one recorded,
 * and where it is in its lifecycle: its state (null for a connection that predates states, which is
 * active) and when a test login through it last passed.
 * Deleted with the identity provider (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_CONNECTION_STATUS")
@NamedQuery(name = "ghConnectionStatusDropAnswer",
        query = "update ConnectionStatusEntity s set s.droppedAnswers = s.droppedAnswers + 1 where s.idpId = :idpId")
public class ConnectionStatusEntity {

    @Id
    @Column(name = "IDP_ID", length = 36)
    private String idpId;

    @Column(name = "LAST_LOGIN_AT")
    private Long lastLoginAt;

    @Column(name = "LAST_ERROR_AT")
    private Long lastErrorAt;

    @Column(name = "LAST_ERROR", length = 255)
    private String lastError;

    @Column(name = "DROPPED_ANSWERS", nullable = false)
    private long droppedAnswers;

    @Column(name = "STATE", length = 16)
    private String state;

    @Column(name = "LAST_PASSED_TEST_AT")
    private Long lastPassedTestAt;

    public String getIdpId() { return idpId; }
    public void setIdpId(String idpId) { this.idpId = idpId; }
    public Long getLastLoginAt() { return lastLoginAt; }
    public void setLastLoginAt(Long lastLoginAt) { this.lastLoginAt = lastLoginAt; }
    public Long getLastErrorAt() { return lastErrorAt; }
    public void setLastErrorAt(Long lastErrorAt) { this.lastErrorAt = lastErrorAt; }
    public String getLastError() { return lastError; }
    public void setLastError(String lastError) { this.lastError = lastError; }
    public long getDroppedAnswers() { return droppedAnswers; }
    public String getState() { return state; }
    public void setState(String state) { this.state = state; }
    public Long getLastPassedTestAt() { return lastPassedTestAt; }
    public void setLastPassedTestAt(Long lastPassedTestAt) { this.lastPassedTestAt = lastPassedTestAt; }
}
