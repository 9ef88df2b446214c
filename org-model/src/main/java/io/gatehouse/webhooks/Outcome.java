package io.gatehouse.webhooks;

import io.gatehouse.outbound.JsonPoster;
import org.apache.http.conn.ConnectTimeoutException;

import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;

/** What one attempt came to, in the delivery log's words. Only {@link #DELIVERED} is a success. */
enum Outcome {
    /** the endpoint answered 2xx */
    DELIVERED,
    /** it answered another status (a redirect too: none is followed) */
    HTTP_ERROR,
    /** no answer within {@link JsonPoster#DEADLINE} */
    TIMEOUT,
    /** its host has no address the outbound policy allows now (gone from DNS, or pointing inside) */
    ADDRESS_REFUSED,
    /** its URL no longer passes the outbound policy's form (the operator now requires https) */
    URL_REFUSED,
    /** the connection failed: refused, reset, TLS */
    NO_ANSWER;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How a post that brought no answer failed, from its cause. */
    static Outcome ofFailure(Throwable cause) {
        if (cause instanceof SocketTimeoutException || cause instanceof ConnectTimeoutException) {
            return TIMEOUT;
        }
        return cause instanceof UnknownHostException ? ADDRESS_REFUSED : NO_ANSWER;
    }
}
