package io.gatehouse.activity;

import java.util.Locale;

/**
 * What happened in an organization: what kind of thing ({@code scim.user.create}, ...), whether it
 * went through or was refused, who did it, to what, and why it was refused.
 */
public record Activity(String id, long time, String kind, Outcome outcome, String actor, String subject, String detail) {

    public enum Outcome {
        SUCCESS, REFUSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A new entry; the log gives it its id and time. */
    /**
     * An admin as an actor: realm and username, such as {@code master/admin}, since two realms may each
     * have an {@code admin}; null if unknown.
     */
    public static String admin(String realmName, String username) {
        return realmName == null || username == null ? null : realmName + "/" + username;
    }

    public static Activity of(String kind, Outcome outcome, String actor, String subject, String detail) {
        return new Activity(null, 0, kind, outcome, actor, subject, detail);
    }
}
