package io.gatehouse.api;

import io.gatehouse.sso.OwnClients;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.Urls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /realms/{realm}/gatehouse-admin/}: the organization overview page the console's onboarding
 * items link to, for what the console's extension SPIs cannot render (live status, secrets shown
 * once with a copy button). A static page, themed like the console: the admin signs in to the
 * admin realm through Keycloak (the public PKCE client {@value #CLIENT_ID}, created there on first
 * use), and the page does everything through the management API with the admin's own token, so
 * the API's permission checks, admin events and activity log apply unchanged.
 */
public final class OrgOverviewPage {

    static final String PATH = "gatehouse-admin";
    static final String CLIENT_ID = "gatehouse-console";
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

    /** The overview of one organization, as the console's onboarding item shows it. */
    static String url(KeycloakSession session, RealmModel realm, String orgId) {
        return Urls.realmBase(session.getContext().getUri().getBaseUri()).path(realm.getName()).path(PATH).path("/").build()
                + "?org=" + orgId;
    }

    @GET
    public Response page() {
        if (!session.getContext().getUri().getPath().endsWith("/")) {
            return Response.seeOther(URI.create(session.getContext().getUri().getRequestUri().getPath() + "/")).build();
        }
        // The admin realm's public client the page signs in with: PKCE, redirects only to pages under /realms/.
        OwnClients.ensure(session, Config.getAdminRealm(), CLIENT_ID, OrgOverviewPage::representation);
        return asset(new Asset("/gatehouse-admin/index.html", "text/html; charset=utf-8"));
    }

    @GET
    @Path("config.json")
    public Response config() {
        RealmModel realm = session.getContext().getRealm();
        Map<String, Object> config = Map.of(
                "serverUrl", session.getContext().getUri().getBaseUri().toString().replaceAll("/$", ""),
                "loginRealm", Config.getAdminRealm(),
                "clientId", CLIENT_ID,
                "realm", realm.getName(),
                "api", "/admin/realms/" + realm.getName() + "/gatehouse",
                "console", "/admin/" + Config.getAdminRealm() + "/console/#/" + realm.getName());
        return Response.ok(Json.write(config)).type("application/json").header("Cache-Control", "no-store").build();
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        Asset asset = ASSETS.get(file);
        if (asset == null) {
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

    private static ClientRepresentation representation() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("Gatehouse organization overview");
        client.setDescription("Signs admins in to Gatehouse's organization overview page (/realms/{realm}/gatehouse-admin/)");
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(true);
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl("/realms/" + Config.getAdminRealm() + "/" + PATH + "/");
        client.setRedirectUris(List.of("/realms/*"));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(Map.of("pkce.code.challenge.method", "S256", "post.logout.redirect.uris", "+"));
        return client;
    }
}
