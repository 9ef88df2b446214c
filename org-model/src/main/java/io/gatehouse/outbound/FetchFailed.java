package io.gatehouse.outbound;

/**
 * A fetch that brought back no document. Its message is for the server log only: what the network
 * said (refused, timed out, closed) must never reach the person who gave the URL.
 */
public final class FetchFailed extends Exception {

    FetchFailed(String detail, Throwable cause) {
        super(detail, cause, false, false);
    }
}
