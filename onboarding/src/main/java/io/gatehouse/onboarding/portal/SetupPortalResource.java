package io.gatehouse.onboarding.portal;

import io.gatehouse.onboarding.PortalSession;
import io.gatehouse.onboarding.SetupIntent;
import io.gatehouse.onboarding.SetupLinks;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.scim.ScimDirectories;
import io.gatehouse.scim.ScimDirectory;
import io.gatehouse.secrets.Secrets;
import io.gatehouse.sso.Connection;
import io.gatehouse.sso.ConnectionTests;
import io.gatehouse.sso.NewConnection;
import io.gatehouse.sso.OrgConnections;
import io.gatehouse.verification.DomainVerification;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.Urls;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /realms/{realm}/gatehouse-setup}: the setup portal for a customer's IT admin. A link is
 * opened with a button (so a mail scanner that fetches it does not use it up), exchanged once for a
 * short session in a cookie, and from then on every step is bound to the link's organization and
 * intents and goes through the same services as the management API.
 */
public final class SetupPortalResource {

    static final String COOKIE = "GATEHOUSE_SETUP";

    private final KeycloakSession session;

    SetupPortalResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("open/{secret}")
    public Response start(@PathParam("secret") String secret) {
        if (!new SetupLinks(session).isOpenable(secret)) {
            return SetupPortalPages.linkInvalid(session);
        }
        return SetupPortalPages.start(session, portalUrl("open/" + secret));
    }

    @POST
    @Path("open/{secret}")
    public Response open(@PathParam("secret") String secret) {
        Optional<String> portalSession = new SetupLinks(session).open(secret);
        if (portalSession.isEmpty()) {
            return SetupPortalPages.linkInvalid(session);
        }
        return Response.seeOther(URI.create(portalUrl("portal"))).cookie(cookie(portalSession.get())).build();
    }

    @GET
    @Path("portal")
    public Response portal() {
        return withSession(portal -> SetupPortalPages.portal(session, view(portal)));
    }

    @POST
    @Path("portal/domain")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response domain(@FormParam("csrf") String csrf, @FormParam("domain") String domain, @FormParam("action") String action) {
        return step(csrf, SetupIntent.DOMAIN, portal -> {
            GatehouseOrganizations orgs = session.getProvider(GatehouseOrganizations.class);
            DomainVerification verification = "check".equals(action)
                    ? orgs.checkVerification(portal.orgId(), domain)
                    : orgs.startVerification(portal.orgId(), domain);
            return SetupPortalPages.portal(session, view(portal).verification(verification));
        });
    }

    @POST
    @Path("portal/sso")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sso(@FormParam("csrf") String csrf, @FormParam("type") String type, @FormParam("metadataUrl") String metadataUrl,
                        @FormParam("metadataXml") String metadataXml, @FormParam("discoveryUrl") String discoveryUrl,
                        @FormParam("clientId") String clientId, @FormParam("clientSecret") String clientSecret) {
        return step(csrf, SetupIntent.SSO, portal -> {
            NewConnection request = "oidc".equals(type)
                    ? new NewConnection.Oidc(discoveryUrl, clientId, clientSecret, false)
                    : new NewConnection.Saml(metadataUrl, metadataXml, null);
            Connection connection = new OrgConnections(session).create(portal.orgId(), request);
            return SetupPortalPages.portal(session, view(portal).connected(connection));
        });
    }

    /** "Test connection": a real login through one of the org's connections, back to {@link #testResult}. */
    @POST
    @Path("portal/test")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response test(@FormParam("csrf") String csrf, @FormParam("connection") String alias) {
        return step(csrf, SetupIntent.SSO, portal -> {
            boolean ours = new OrgConnections(session).list(portal.orgId()).stream().anyMatch(c -> c.id().equals(alias));
            if (!ours) {
                return SetupPortalPages.forbidden(session, "gatehouseSetupNotAllowed");
            }
            ConnectionTests tests = new ConnectionTests(session);
            String resultUrl = portalUrl("portal/test-result");
            tests.ensureClient(resultUrl);
            String id = tests.start(portal.orgId(), alias);
            String realmBase = Urls.realmBase(session.getContext().getUri().getBaseUri()).path(session.getContext().getRealm().getName()).build().toString();
            return Response.seeOther(URI.create(tests.loginUrl(realmBase, resultUrl, id, alias))).build();
        });
    }

    /**
     * Where a test login comes back to: the portal, with the connection's test result. Coming
     * back from an IdP on another site, the browser leaves out the SameSite=Strict portal cookie,
     * so without it the page links back to the portal, a same-site step that sends it.
     */
    @GET
    @Path("portal/test-result")
    public Response testResult() {
        return new SetupLinks(session).session(cookieValue())
                .map(portal -> SetupPortalPages.portal(session, view(portal)))
                .orElseGet(() -> SetupPortalPages.testFinished(session, portalUrl("portal")));
    }

    @POST
    @Path("portal/scim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response scim(@FormParam("csrf") String csrf, @FormParam("name") String name) {
        return step(csrf, SetupIntent.SCIM, portal -> {
            ScimDirectory.Created directory = new ScimDirectories(session).create(portal.orgId(), name, null);
            return SetupPortalPages.portal(session, view(portal).scimCreated(directory));
        });
    }

    /** One step of the portal: the session must be live, the form must be this session's, the intent the link's. */
    private Response step(String csrf, SetupIntent intent, Function<PortalSession, Response> action) {
        return withSession(portal -> {
            if (csrf == null || !Secrets.sameHash(csrfOf(), csrf)) {
                return SetupPortalPages.forbidden(session, "gatehouseSetupFormExpired");
            }
            if (!portal.allows(intent)) {
                return SetupPortalPages.forbidden(session, "gatehouseSetupNotAllowed");
            }
            try {
                return action.apply(portal);
            } catch (OrgRequestException e) {
                session.getTransactionManager().setRollbackOnly();
                return SetupPortalPages.portal(session, view(portal).error(e.getMessage()));
            }
        });
    }

    private Response withSession(Function<PortalSession, Response> page) {
        return new SetupLinks(session).session(cookieValue())
                .map(page)
                .orElseGet(() -> SetupPortalPages.sessionOver(session));
    }

    private PortalView view(PortalSession portal) {
        Org org = session.getProvider(GatehouseOrganizations.class).get(portal.orgId());
        OrgConnections connections = new OrgConnections(session);
        boolean sso = portal.allows(SetupIntent.SSO);
        List<Connection> connected = sso ? connections.list(portal.orgId()) : List.of();
        ConnectionTests tests = new ConnectionTests(session);
        Map<String, ConnectionTests.Result> latest = new HashMap<>();
        connected.forEach(c -> tests.latest(c.id()).filter(t -> t.orgId().equals(portal.orgId())).ifPresent(t -> latest.put(c.id(), t)));
        return new PortalView(org, portal, csrfOf(), portalUrl("portal"), connected,
                sso ? connections.preview(portal.orgId(), "saml") : null,
                sso ? connections.preview(portal.orgId(), "oidc") : null).tests(latest);
    }

    /** The form token: derived from the session cookie, so only a page of this session can post. */
    private String csrfOf() {
        return Secrets.hash("csrf:" + cookieValue());
    }

    private String cookieValue() {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private NewCookie cookie(String value) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path(URI.create(portalUrl("")).getPath())
                .httpOnly(true)
                .secure("https".equals(session.getContext().getUri().getBaseUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) SetupLinks.PORTAL_SESSION.toSeconds())
                .build();
    }

    private String portalUrl(String path) {
        UriBuilder base = Urls.realmBase(session.getContext().getUri().getBaseUri())
                .path(session.getContext().getRealm().getName()).path(SetupLinks.PORTAL_PATH);
        return (path.isEmpty() ? base : base.path(path)).build().toString() + (path.isEmpty() ? "/" : "");
    }
}
