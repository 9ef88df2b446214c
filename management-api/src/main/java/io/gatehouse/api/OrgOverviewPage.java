package io.gatehouse.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.Urls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code /realms/<admin realm>/gatehouse-admin/?realm=&org=}: the organization overview page the
 * console's onboarding items link to, for what the console's extension SPIs cannot render (live
 * status, secrets shown once with a copy button). A static page, themed like the console: the admin
 * signs in to the admin realm through Keycloak with the client {@link OverviewClient}, which
 * redirects only to this one address, and the page does everything through the management API with
 * the admin's own token, so the API's permission checks, admin events and activity log apply
 * unchanged. Older links under another realm's path are sent here. Serving the page changes nothing.
 */
public final class OrgOverviewPage {

    static final String PATH = "gatehouse-admin";
    private static final String KEYCLOAK_JS = "/META-INF/resources/webjars/keycloak-js/25.0.4/dist/keycloak.min.js";
    private static final Map<String, Asset> ASSETS = Map.of(
            "app.js", new Asset("/gatehouse-admin/app.js", "text/javascript"),
            "app.css", new Asset("/gatehouse-admin/app.css", "text/css"),
            "keycloak.js", new Asset(KEYCLOAK_JS, "text/javascript"));
    private static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'; form-action 'self'";

    private record Asset(String classpath, String type) {
    }

    private final KeycloakSession session;

    OrgOverviewPage(KeycloakSession session) {
        this.session = session;
    }

    /** The overview of one organization of {@code realm}, as the console's onboarding item shows it. */
    static String url(KeycloakSession session, RealmModel realm, String orgId) {
        return pageUrl(session) + "?realm=" + URLEncoder.encode(realm.getName(), StandardCharsets.UTF_8)
                + (orgId == null ? "" : "&org=" + URLEncoder.encode(orgId, StandardCharsets.UTF_8));
    }

    /** The page's one address, the only one its client may redirect to. */
    private static String pageUrl(KeycloakSession session) {
        return Urls.realmBase(session.getContext().getUri().getBaseUri()).path(Config.getAdminRealm()).path(PATH).path("/").build().toString();
    }

    @GET
    public Response page(@QueryParam("org") String orgId) {
        RealmModel realm = session.getContext().getRealm();
        if (!isAdminRealm()) {
            return Response.seeOther(URI.create(url(session, realm, orgId))).build();
        }
        if (!session.getContext().getUri().getPath().endsWith("/")) {
            URI request = session.getContext().getUri().getRequestUri();
            return Response.seeOther(UriBuilder.fromUri(request).replacePath(request.getRawPath() + "/").build()).build();
        }
        return asset(new Asset("/gatehouse-admin/index.html", "text/html; charset=utf-8"));
    }

    @GET
    @Path("config.json")
    public Response config() {
        if (!isAdminRealm()) {
            throw new NotFoundException();
        }
        Map<String, Object> config = Map.of(
                "serverUrl", session.getContext().getUri().getBaseUri().toString().replaceAll("/$", ""),
                "loginRealm", Config.getAdminRealm(),
                "clientId", OverviewClient.CLIENT_ID,
                "redirectUri", pageUrl(session),
                "console", "/admin/" + Config.getAdminRealm() + "/console/#/");
        return Response.ok(Json.write(config)).type("application/json").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        Asset asset = ASSETS.get(file);
        if (asset == null || !isAdminRealm()) {
            throw new NotFoundException();
        }
        return asset(asset);
    }

    private Response asset(Asset asset) {
        try (InputStream in = OrgOverviewPage.class.getResourceAsStream(asset.classpath())) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks " + asset.classpath());
            }
            return Response.ok(in.readAllBytes()).type(asset.type())
                    .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer")
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean isAdminRealm() {
        return Config.getAdminRealm().equals(session.getContext().getRealm().getName());
    }
}
