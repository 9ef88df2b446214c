package io.gatehouse.domain;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A DNS domain in the one spelling Gatehouse stores and compares: lower case, ASCII (punycode
 * for IDN), no trailing dot. Holding a {@code DomainName} means the string is a real hostname,
 * so the rest of the code never re-validates bare strings.
 */
public final class DomainName {

    private static final int MAX_LENGTH = 253;
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");

    private final String ascii;

    private DomainName(String ascii) {
        this.ascii = ascii;
    }

    /** Normalizes and validates what a person typed; the exception message says what is wrong. */
    public static DomainName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidDomainException("A domain must not be empty.");
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH + 1) {
            throw new InvalidDomainException("The domain is longer than " + MAX_LENGTH + " characters.");
        }
        if (trimmed.endsWith(".")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        String ascii = toAscii(trimmed, raw).toLowerCase(Locale.ROOT);
        if (ascii.length() > MAX_LENGTH) {
            throw new InvalidDomainException("'" + raw + "' is longer than " + MAX_LENGTH + " characters.");
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2) {
            throw new InvalidDomainException("'" + raw + "' is not a domain name: it needs at least two labels, such as example.com.");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw new InvalidDomainException("'" + raw + "' is not a valid domain name: each label must be 1 to 63 letters, digits or inner hyphens.");
            }
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw new InvalidDomainException("'" + raw + "' is an IP address, not a domain name.");
        }
        return new DomainName(ascii);
    }

    private static String toAscii(String value, String raw) {
        try {
            return IDN.toASCII(value, IDN.USE_STD3_ASCII_RULES);
        } catch (IllegalArgumentException e) {
            throw new InvalidDomainException("'" + raw + "' is not a valid domain name.");
        }
    }

    public String value() {
        return ascii;
    }

    /** True for {@code eu.acme.test} under {@code acme.test}; a name is not its own subdomain. */
    public boolean isSubdomainOf(DomainName parent) {
        return ascii.endsWith("." + parent.ascii);
    }

    /** How deep the name is ({@code eu.acme.test} has 3): the more labels, the more specific a claim on it. */
    public int labelCount() {
        return (int) ascii.chars().filter(c -> c == '.').count() + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DomainName other && ascii.equals(other.ascii);
    }

    @Override
    public int hashCode() {
        return ascii.hashCode();
    }

    @Override
    public String toString() {
        return ascii;
    }
}
