package io.gatehouse.api;

import io.gatehouse.verification.DomainVerification;

import java.time.Instant;

/** What an admin (or the customer's IT admin) needs to publish the TXT record and follow its status. */
record VerificationRepresentation(String domain,
                                  String recordName,
                                  String recordType,
                                  String recordValue,
                                  String status,
                                  String checkedAt,
                                  String expiresAt,
                                  String message) {

    static VerificationRepresentation of(DomainVerification v) {
        return new VerificationRepresentation(v.domain(), v.recordName(), "TXT", v.recordValue(), v.status().wireName(),
                v.checkedAt() == null ? null : Instant.ofEpochMilli(v.checkedAt()).toString(),
                Instant.ofEpochMilli(v.expiresAt()).toString(), v.message());
    }
}
