package io.gatehouse.sso;

import io.gatehouse.org.OrgRequestException;
import io.gatehouse.outbound.FetchFailed;
import io.gatehouse.outbound.Outbound;
import io.gatehouse.outbound.RefusedUrl;
import io.gatehouse.outbound.UrlPolicy;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The URLs in a new connection, all held to the operator's one URL policy: the metadata or
 * discovery URL Gatehouse fetches, and every endpoint the document names that Keycloak will call
 * (token, JWKS, userinfo, artifact resolution) or send browsers to (sign-in, logout). The answers
 * name the field, never the attacker's text, and a fetch that fails says the same whatever the
 * network said, so the portal is no port scanner.
 */
final class IdpDocumentUrls {

    private static final Logger LOG = Logger.getLogger(IdpDocumentUrls.class);
    private static final Map<String, String> SAML_ENDPOINTS = names(
            "singleSignOnServiceUrl", "SingleSignOnService",
            "singleLogoutServiceUrl", "SingleLogoutService",
            "artifactResolutionServiceUrl", "ArtifactResolutionService");
    private static final Map<String, String> OIDC_ENDPOINTS = names(
            "authorizationUrl", "authorization_endpoint",
            "tokenUrl", "token_endpoint",
            "jwksUrl", "jwks_uri",
            "userInfoUrl", "userinfo_endpoint",
            "logoutUrl", "end_session_endpoint",
            "tokenIntrospectionUrl", "introspection_endpoint");

    private final Outbound outbound;

    IdpDocumentUrls(Outbound outbound) {
        this.outbound = outbound;
    }

    /** The document at {@code url}, given in the request's field {@code field}. */
    String fetch(String url, String field) {
        try {
            return outbound.documents().fetch(url);
        } catch (RefusedUrl e) {
            throw OrgRequestException.invalid("invalid_" + field, field + " must be " + webUrl() + ".");
        } catch (FetchFailed e) {
            LOG.infof("Could not fetch %s: %s", field, e.getMessage());
            throw OrgRequestException.invalid("unreachable_" + field,
                    "Could not fetch " + field + ": the address is not allowed or did not answer with a document.");
        }
    }

    void checkSamlEndpoints(Map<String, String> config) {
        check(SAML_ENDPOINTS, config, "invalid_metadata");
    }

    void checkOidcEndpoints(Map<String, String> config) {
        check(OIDC_ENDPOINTS, config, "invalid_discovery");
    }

    /** Stores each endpoint as checked (without the spaces around it a browser would ignore too). */
    private void check(Map<String, String> endpoints, Map<String, String> config, String code) {
        UrlPolicy urls = outbound.urls();
        endpoints.forEach((key, name) -> {
            String value = config.get(key);
            if (value == null || value.isEmpty()) {
                return;
            }
            try {
                config.put(key, urls.check(value).toString());
            } catch (RefusedUrl e) {
                throw OrgRequestException.invalid(code, switch (e.reason()) {
                    case NOT_A_WEB_URL, NOT_HTTPS -> "The " + name + " URL must be " + webUrl() + ".";
                    case ADDRESS_NOT_ALLOWED -> "The " + name + " URL's host has an address that is not allowed, or could not be resolved.";
                });
            }
        });
    }

    private String webUrl() {
        return outbound.urls().requiresHttps() ? "an https URL" : "an http or https URL";
    }

    private static Map<String, String> names(String... keysAndNames) {
        Map<String, String> names = new LinkedHashMap<>();
        for (int i = 0; i < keysAndNames.length; i += 2) {
            names.put(keysAndNames[i], keysAndNames[i + 1]);
        }
        return names;
    }
}
