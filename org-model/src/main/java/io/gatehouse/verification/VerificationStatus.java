package io.gatehouse.verification;

/** Where a domain's DNS proof stands. */
public enum VerificationStatus {
    PENDING, VERIFIED, FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
