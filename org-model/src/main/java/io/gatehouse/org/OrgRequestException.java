package io.gatehouse.org;

/**
 * A request about an organization that cannot be carried out as asked. It carries a machine code
 * and a sentence for the person who sent it; the API turns it into a JSON error.
 */
public final class OrgRequestException extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;

    private OrgRequestException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public static OrgRequestException invalid(String code, String message) {
        return new OrgRequestException(Kind.INVALID, code, message);
    }

    public static OrgRequestException notFound(String code, String message) {
        return new OrgRequestException(Kind.NOT_FOUND, code, message);
    }

    public static OrgRequestException conflict(String code, String message) {
        return new OrgRequestException(Kind.CONFLICT, code, message);
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }
}
