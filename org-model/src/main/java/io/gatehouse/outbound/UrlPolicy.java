package io.gatehouse.outbound;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one rule for a URL that comes from outside (a metadata or discovery URL, and every endpoint
 * such a document names): an absolute http or https URL with a host and no credentials, https
 * only if the operator requires it, and a host whose addresses the {@link AddressPolicy} allows.
 */
public final class UrlPolicy {

    private final AddressPolicy addresses;
    private final boolean requireHttps;

    public UrlPolicy(AddressPolicy addresses, boolean requireHttps) {
        this.addresses = addresses;
        this.requireHttps = requireHttps;
    }

    public boolean requiresHttps() {
        return requireHttps;
    }

    /**
     * The URL's form only, without a DNS look-up: for a URL about to be fetched, whose addresses the
     * fetcher checks as it connects.
     */
    public URI parse(String raw) throws RefusedUrl {
        // As browsers do, ignore leading and trailing spaces and control characters; any inside is refused,
        // since a browser would drop a tab or newline and read "java\tscript:" as "javascript:".
        String value = raw == null ? "" : raw.trim();
        if (value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_A_WEB_URL);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_A_WEB_URL);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.isOpaque()
                || uri.getHost() == null || uri.getHost().isEmpty() || uri.getRawUserInfo() != null) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_A_WEB_URL);
        }
        if (requireHttps && !scheme.equals("https")) {
            throw new RefusedUrl(RefusedUrl.Reason.NOT_HTTPS);
        }
        return uri;
    }

    /**
     * The URL's form and every address its host has now: for an endpoint that Keycloak will call or
     * send browsers to later, on its own client.
     */
    public URI check(String raw) throws RefusedUrl {
        URI uri = parse(raw);
        if (!addresses.allowsAllAddressesOf(uri.getHost())) {
            throw new RefusedUrl(RefusedUrl.Reason.ADDRESS_NOT_ALLOWED);
        }
        return uri;
    }

    AddressPolicy addresses() {
        return addresses;
    }
}
