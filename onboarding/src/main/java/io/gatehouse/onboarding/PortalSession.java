package io.gatehouse.onboarding;

import java.util.Set;

/** What an opened setup link lets its holder do for a while: one organization, some intents. */
public record PortalSession(String linkId, String orgId, Set<SetupIntent> intents, long expiresAt) {

    public boolean allows(SetupIntent intent) {
        return intents.contains(intent);
    }
}
