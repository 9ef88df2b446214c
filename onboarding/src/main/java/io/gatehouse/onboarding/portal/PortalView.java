package io.gatehouse.onboarding.portal;

import io.gatehouse.onboarding.PortalLimit;
import io.gatehouse.onboarding.PortalSession;
import io.gatehouse.onboarding.SetupIntent;
import io.gatehouse.org.Org;
import io.gatehouse.scim.ScimDirectory;
import io.gatehouse.sso.Connection;
import io.gatehouse.sso.ConnectionTests;
import io.gatehouse.verification.DomainVerification;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the portal page shows: the organization, the steps the link allows, and the outcome of the
 * step just taken. FreeMarker reads it through its getters; the values are plain maps.
 */
public final class PortalView {

    private final Org org;
    private final PortalSession portal;
    private final String csrf;
    private final String actionBase;
    private final List<Connection> connections;
    private final Connection samlPreview;
    private final Connection oidcPreview;
    private Map<String, Object> verification;
    private Map<String, Object> connected;
    private Map<String, Object> scimCreated;
    private String error;
    private PortalLimit limitReached;
    private Map<String, ConnectionTests.Result> tests = Map.of();

    PortalView(Org org, PortalSession portal, String csrf, String actionBase, List<Connection> connections,
               Connection samlPreview, Connection oidcPreview) {
        this.org = org;
        this.portal = portal;
        this.csrf = csrf;
        this.actionBase = actionBase;
        this.connections = connections;
        this.samlPreview = samlPreview;
        this.oidcPreview = oidcPreview;
    }

    PortalView verification(DomainVerification v) {
        verification = map("domain", v.domain(), "recordName", v.recordName(), "recordValue", v.recordValue(),
                "status", v.status().wireName(), "message", v.message());
        return this;
    }

    PortalView connected(Connection connection) {
        connected = connection(connection);
        return this;
    }

    PortalView scimCreated(ScimDirectory.Created directory) {
        scimCreated = map("baseUrl", directory.baseUrl(), "token", directory.token(), "name", directory.name());
        return this;
    }

    /** The newest "Test connection" result of each connection, by alias. */
    PortalView tests(Map<String, ConnectionTests.Result> latest) {
        tests = latest;
        return this;
    }

    PortalView error(String message) {
        error = message;
        return this;
    }

    PortalView limitReached(PortalLimit limit) {
        limitReached = limit;
        return this;
    }

    public String getOrgName() {
        return org.name();
    }

    public List<Map<String, Object>> getDomains() {
        return org.domains().stream().map(d -> map("name", d.name(), "verified", d.verified())).toList();
    }

    public boolean isDomainStep() {
        return portal.allows(SetupIntent.DOMAIN);
    }

    public boolean isSsoStep() {
        return portal.allows(SetupIntent.SSO);
    }

    public boolean isScimStep() {
        return portal.allows(SetupIntent.SCIM);
    }

    public String getCsrf() {
        return csrf;
    }

    public String getDomainAction() {
        return actionBase + "/domain";
    }

    public String getSsoAction() {
        return actionBase + "/sso";
    }

    public String getScimAction() {
        return actionBase + "/scim";
    }

    public List<Map<String, Object>> getConnections() {
        return connections.stream().map(c -> {
            Map<String, Object> connection = connection(c);
            ConnectionTests.Result test = tests.get(c.id());
            if (test != null) {
                connection.put("test", map("outcome", test.outcome().toLowerCase(Locale.ROOT), "reason", test.reason(),
                        "email", test.email(), "firstName", test.firstName(), "lastName", test.lastName(),
                        "username", test.username(), "groups", test.groups().isEmpty() ? null : String.join(", ", test.groups())));
            }
            return connection;
        }).toList();
    }

    public String getTestAction() {
        return actionBase + "/test";
    }

    public Map<String, Object> getSamlPreview() {
        return samlPreview == null ? null : connection(samlPreview);
    }

    public Map<String, Object> getOidcPreview() {
        return oidcPreview == null ? null : connection(oidcPreview);
    }

    public Map<String, Object> getVerification() {
        return verification;
    }

    public Map<String, Object> getConnected() {
        return connected;
    }

    public Map<String, Object> getScimCreated() {
        return scimCreated;
    }

    public String getError() {
        return error;
    }

    /** The message key saying what the link may create no more of, if that is what happened. */
    public String getLimitReached() {
        return limitReached == null ? null : limitReached.message();
    }

    public String getLimit() {
        return String.valueOf(PortalLimit.PER_LINK);
    }

    private static Map<String, Object> connection(Connection c) {
        return map("id", c.id(), "type", c.type(), "spEntityId", c.spEntityId(), "acsUrl", c.acsUrl(),
                "spMetadataUrl", c.spMetadataUrl(), "redirectUri", c.redirectUri(), "lastLoginAt", c.lastLoginAt(),
                "lastError", c.lastError(), "state", c.state(), "lastPassedTestAt", c.lastPassedTestAt());
    }

    /** A map that keeps nulls out, so the template's {@code ??} tells what is there. */
    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
