package io.gatehouse.verification;

/** The TXT record a customer publishes to prove a domain, and what the last look found. */
public record DomainVerification(String domain,
                                 String recordName,
                                 String recordValue,
                                 VerificationStatus status,
                                 Long checkedAt,
                                 long expiresAt,
                                 String message) {
}
