package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;

/** What the management API answered: the status and the parsed JSON body (MissingNode when empty). */
public record ApiResponse(int status, JsonNode body, String rawBody) {

    public String error() {
        return body.path("error").asText(null);
    }

    public String message() {
        return body.path("message").asText(null);
    }

    @Override
    public String toString() {
        return status + " " + rawBody;
    }
}
