package io.gatehouse.domain;

/** A domain a person supplied that Gatehouse will not accept; the message says why, in a sentence. */
public final class InvalidDomainException extends RuntimeException {

    public InvalidDomainException(String message) {
        super(message);
    }
}
