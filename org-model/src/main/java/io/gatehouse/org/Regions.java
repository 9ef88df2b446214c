package io.gatehouse.org;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The operator's list of regions ({@code --spi-gatehouse-organizations--default--regions}), each
 * {@code id=Display name|https://backend}, entries separated by commas. When the list is set, an
 * organization's {@code region} attribute must be one of its ids and its {@code backendUrl} follows
 * from it, so a typo cannot send a customer to a region that does not exist. Without a list both
 * stay free text.
 */
public final class Regions {

    public static final String REGION = "region";
    public static final String BACKEND_URL = "backendUrl";
    static final String OPTION = "regions";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public static final Regions NONE = new Regions(Map.of());

    private final Map<String, Region> byId;

    private Regions(Map<String, Region> byId) {
        this.byId = byId;
    }

    /** A wrong entry stops the start with the option's name and the entry, rather than offering a region that cannot work. */
    static Regions parse(String[] entries) {
        if (entries == null) {
            return NONE;
        }
        Map<String, Region> regions = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            Region region = entry(entry.strip());
            if (regions.put(region.id(), region) != null) {
                throw invalid(entry, "the id '" + region.id() + "' is listed twice");
            }
        }
        return regions.isEmpty() ? NONE : new Regions(Collections.unmodifiableMap(regions));
    }

    private static Region entry(String entry) {
        int equals = entry.indexOf('=');
        int bar = entry.lastIndexOf('|');
        if (equals < 0 || bar < equals) {
            throw invalid(entry, "write it as id=Display name|https://backend.example.com");
        }
        String id = entry.substring(0, equals).strip();
        String name = entry.substring(equals + 1, bar).strip();
        String url = entry.substring(bar + 1).strip();
        if (!ID.matcher(id).matches() || id.length() > OrgDraft.MAX_TEXT) {
            throw invalid(entry, "the id must be letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (name.isEmpty() || name.length() > OrgDraft.MAX_TEXT) {
            throw invalid(entry, "the display name must not be empty");
        }
        if (!isBackendUrl(url) || url.length() > OrgDraft.MAX_TEXT) {
            throw invalid(entry, "the backend URL must be an absolute http or https URL");
        }
        return new Region(id, name, url);
    }

    private static boolean isBackendUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static IllegalArgumentException invalid(String entry, String why) {
        return new IllegalArgumentException("--spi-gatehouse-organizations--default--" + OPTION + ": '" + entry + "' is not a region: " + why + ".");
    }

    public boolean configured() {
        return !byId.isEmpty();
    }

    /** In the operator's order. */
    public List<Region> list() {
        return List.copyOf(byId.values());
    }

    /**
     * The attributes as they are to be stored: with a list configured, {@code region} must name one of
     * its regions and {@code backendUrl} is that region's (filled in when left out, refused when it
     * disagrees, refused without a region).
     *
     * @throws OrgRequestException naming the valid regions
     */
    public Map<String, List<String>> place(Map<String, List<String>> attributes) {
        if (!configured() || attributes == null) {
            return attributes;
        }
        List<String> region = attributes.get(REGION);
        List<String> backendUrl = attributes.get(BACKEND_URL);
        if (region == null) {
            if (backendUrl != null) {
                throw OrgRequestException.invalid("backend_url_without_region",
                        "backendUrl follows from region: send region, one of " + ids() + ", and leave backendUrl out.");
            }
            return attributes;
        }
        Region chosen = region.size() == 1 ? byId.get(region.get(0)) : null;
        if (chosen == null) {
            throw OrgRequestException.invalid("unknown_region",
                    "region must be one of the operator's regions: " + ids() + "; got " + region + ".");
        }
        if (backendUrl != null && !backendUrl.equals(List.of(chosen.backendUrl()))) {
            throw OrgRequestException.invalid("backend_url_mismatch", "backendUrl follows from region: region '" + chosen.id()
                    + "' has the backend URL " + chosen.backendUrl() + ". Leave backendUrl out, or send that one.");
        }
        Map<String, List<String>> placed = new HashMap<>(attributes);
        placed.put(BACKEND_URL, List.of(chosen.backendUrl()));
        return placed;
    }

    private String ids() {
        return String.join(", ", byId.keySet());
    }
}
