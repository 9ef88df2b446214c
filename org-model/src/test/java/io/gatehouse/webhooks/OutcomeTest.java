package io.gatehouse.webhooks;

import org.apache.http.conn.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutcomeTest {

    @Test
    void names_a_failed_post_by_its_cause_never_by_its_message() {
        assertEquals(Outcome.TIMEOUT, Outcome.ofFailure(new SocketTimeoutException("Read timed out")));
        assertEquals(Outcome.TIMEOUT, Outcome.ofFailure(new ConnectTimeoutException("connect timed out")));
        assertEquals(Outcome.ADDRESS_REFUSED, Outcome.ofFailure(new UnknownHostException("internal.example has no address the policy allows")));
        assertEquals(Outcome.NO_ANSWER, Outcome.ofFailure(new ConnectException("Connection refused")));
        assertEquals(Outcome.NO_ANSWER, Outcome.ofFailure(null));
        assertEquals("address_refused", Outcome.ADDRESS_REFUSED.code());
    }
}
