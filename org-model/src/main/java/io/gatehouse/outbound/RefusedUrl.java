package io.gatehouse.outbound;

/**
 * A URL from outside that Gatehouse will neither call nor send a browser to. The reason is coarse on
 * purpose: an address that is internal and one that does not resolve give the same answer, so a
 * refusal tells nothing about the operator's network.
 */
public final class RefusedUrl extends Exception {

    public enum Reason {
        /** not an absolute http or https URL with a host (javascript:, data:, file:, no scheme, credentials, ...) */
        NOT_A_WEB_URL,
        /** http where the operator requires https */
        NOT_HTTPS,
        /** resolves to no address, or to one the address policy refuses */
        ADDRESS_NOT_ALLOWED
    }

    private final Reason reason;

    RefusedUrl(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
