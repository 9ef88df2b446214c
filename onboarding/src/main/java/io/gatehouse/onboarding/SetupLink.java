package io.gatehouse.onboarding;

import java.util.Set;

/** A setup link as admins see it: never its URL, which only the answer that creates it shows. */
public record SetupLink(String id, String orgId, Set<SetupIntent> intents, long createdAt, long expiresAt, Long usedAt, State state) {

    public enum State { ACTIVE, USED, EXPIRED }

    /** A link just created: the only time its URL is shown. */
    public record Created(String id, String url, Set<SetupIntent> intents, long expiresAt) {
    }
}
