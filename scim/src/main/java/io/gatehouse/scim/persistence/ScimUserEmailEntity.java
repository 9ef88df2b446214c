package io.gatehouse.scim.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/**
 * One email of a user as its directory sent it, lower-cased: one row per element of the user's
 * {@code emails}, so a filter such as {@code emails[type eq "work"].value eq "..."} is a query on
 * one indexed row, type and value of the same email. Keycloak itself holds only the primary one.
 * A row goes with its user (ON DELETE CASCADE).
 */
@Entity
@Table(name = "GH_SCIM_USER_EMAIL")
@IdClass(ScimUserEmailEntity.Key.class)
@NamedQuery(name = "ghScimUserEmailsDeleteOfUser", query = "delete from ScimUserEmailEntity e where e.userId = :userId")
public class ScimUserEmailEntity {

    @Id
    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Id
    @Column(name = "ELEMENT_INDEX")
    private int position;

    @Column(name = "EMAIL_TYPE", length = 255)
    private String type;

    @Column(name = "EMAIL_VALUE", length = 255)
    private String value;

    @Column(name = "IS_PRIMARY", nullable = false)
    private boolean primary;

    public String getUserId() { return userId; }
    public void setUserId(String userId) { this.userId = userId; }
    public int getPosition() { return position; }
    public void setPosition(int position) { this.position = position; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getValue() { return value; }
    public void setValue(String value) { this.value = value; }
    public boolean isPrimary() { return primary; }
    public void setPrimary(boolean primary) { this.primary = primary; }

    public static class Key implements Serializable {
        private String userId;
        private int position;

        public Key() {
        }

        public Key(String userId, int position) {
            this.userId = userId;
            this.position = position;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(userId, k.userId) && position == k.position;
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, position);
        }
    }
}
