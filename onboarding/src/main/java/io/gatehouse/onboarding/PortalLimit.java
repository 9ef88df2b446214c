package io.gatehouse.onboarding;

/**
 * What one setup link may create, at most {@link #PER_LINK} of each: a link is a credential sent by
 * email, and every IdP connection or SCIM directory is something the organization's admins must
 * review and may have to clean up. Counted on the link's stored row, so every node sees the same count.
 */
public enum PortalLimit {

    CONNECTIONS("connectionsCreated", "gatehouseSetupConnectionLimit"),
    SCIM_DIRECTORIES("directoriesCreated", "gatehouseSetupScimLimit");

    public static final int PER_LINK = 5;

    final String counter;
    private final String message;

    PortalLimit(String counter, String message) {
        this.counter = counter;
        this.message = message;
    }

    /** The portal's message (in the theme's messages) when the limit is reached; {0} is {@link #PER_LINK}. */
    public String message() {
        return message;
    }
}
