package io.gatehouse.api;

import io.gatehouse.org.OrgRequestException;
import jakarta.ws.rs.core.Response;

/** A JSON error the API answers with: {"error": machine code, "message": a sentence that says what to fix}. */
final class ApiException extends RuntimeException {

    private final Response.Status status;
    private final String code;

    ApiException(Response.Status status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ApiException badRequest(String code, String message) {
        return new ApiException(Response.Status.BAD_REQUEST, code, message);
    }

    /** @param message what the admin lacks, in the names of Keycloak's admin roles */
    static ApiException forbidden(String message) {
        return new ApiException(Response.Status.FORBIDDEN, "forbidden", message);
    }

    /** The database is out of reach: nothing was changed, and the same request may be sent again later. */
    static ApiException unavailable() {
        return new ApiException(Response.Status.SERVICE_UNAVAILABLE, "database_unavailable",
                "The database is unavailable. Nothing was changed; send the request again later.");
    }

    static ApiException from(OrgRequestException e) {
        Response.Status status = switch (e.kind()) {
            case INVALID -> Response.Status.BAD_REQUEST;
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case CONFLICT -> Response.Status.CONFLICT;
        };
        return new ApiException(status, e.code(), e.getMessage());
    }

    Response.Status status() {
        return status;
    }

    ApiError body() {
        return new ApiError(code, getMessage());
    }

    record ApiError(String error, String message) {
    }
}
