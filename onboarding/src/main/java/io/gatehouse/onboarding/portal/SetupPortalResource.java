package io.gatehouse.onboarding.portal;

import io.gatehouse.onboarding.PortalLimit;
import io.gatehouse.onboarding.PortalSession;
import io.gatehouse.onboarding.SetupIntent;
import io.gatehouse.onboarding.SetupLinks;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.persistence.DatabaseOutage;
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
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.Urls;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code /realms/{realm}/gatehouse-setup}: the setup portal for a customer's IT admin. A link is
 * opened with a button (so a mail scanner that fetches it does not use it up) on a page of its own
 * (so another site cannot open a link of its choosing in someone's browser and have them work in
 * that portal), exchanged once for a short session in a cookie, and from then on every step is
 * bound to the link's organization and intents, creates at most {@link PortalLimit#PER_LINK} of each
 * kind, and goes through the same services as the management API.
 */
public final class SetupPortalResource {

    static final String COOKIE = "GATEHOUSE_SETUP";
    /** The start page's browser cookie: the Start setup button posts only with it. */
    static final String START_COOKIE = "GATEHOUSE_SETUP_START";
    private static final Logger LOG = Logger.getLogger(SetupPortalResource.class);
    private static final String START_PREFIX = "ghstart_";
    private static final String OPEN_FORM = "open";
    private static final String STEP_FORM = "csrf";

    private final KeycloakSession session;

    SetupPortalResource(KeycloakSession session) {
        this.session = session;
    }

    @GET
    @Path("open/{secret}")
    public Response start(@PathParam("secret") String secret) {
        return unlessDatabaseDown(() -> {
            if (!new SetupLinks(session).isOpenable(secret)) {
                return SetupPortalPages.linkInvalid(session);
            }
            String browser = Secrets.mint(START_PREFIX);
            Response start = SetupPortalPages.start(session, portalUrl("open/" + secret), FormToken.of(OPEN_FORM, browser));
            return Response.fromResponse(start).cookie(cookie(START_COOKIE, browser, portalUrl("open"), SetupLinks.PORTAL_SESSION)).build();
        });
    }

    /** "Start setup": only from the start page this browser was shown; a refused post leaves the link unused. */
    @POST
    @Path("open/{secret}")
    public Response open(@PathParam("secret") String secret) {
        return unlessDatabaseDown(() -> {
            SetupLinks links = new SetupLinks(session);
            if (!links.isOpenable(secret)) {
                return SetupPortalPages.linkInvalid(session);
            }
            String token = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst(OPEN_FORM);
            if (!FormToken.matches(OPEN_FORM, cookieValue(START_COOKIE), token)) {
                return SetupPortalPages.forbidden(session, "gatehouseSetupStartAgain");
            }
            Optional<String> portalSession = links.open(secret);
            if (portalSession.isEmpty()) {
                return SetupPortalPages.linkInvalid(session);
            }
            return Response.seeOther(URI.create(portalUrl("portal")))
                    .cookie(cookie(COOKIE, portalSession.get(), portalUrl(""), SetupLinks.PORTAL_SESSION))
                    .cookie(cookie(START_COOKIE, "", portalUrl("open"), Duration.ZERO))
                    .build();
        });
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
            new PortalAudit(session, portal).succeeded(OperationType.ACTION, ResourceType.ORGANIZATION,
                    "organizations/" + portal.orgId() + "/domains/" + verification.domain() + "/verification",
                    Map.of("domain", verification.domain(), "status", verification.status().name()));
            return SetupPortalPages.portal(session, view(portal).verification(verification));
        });
    }

    @POST
    @Path("portal/sso")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sso(@FormParam("csrf") String csrf, @FormParam("type") String type, @FormParam("metadataUrl") String metadataUrl,
                        @FormParam("metadataXml") String metadataXml, @FormParam("discoveryUrl") String discoveryUrl,
                        @FormParam("clientId") String clientId, @FormParam("clientSecret") String clientSecret) {
        return creation(csrf, SetupIntent.SSO, PortalLimit.CONNECTIONS, portal -> {
            NewConnection request = "oidc".equals(type)
                    ? new NewConnection.Oidc(discoveryUrl, clientId, clientSecret, false)
                    : new NewConnection.Saml(metadataUrl, metadataXml, null);
            Connection connection = new OrgConnections(session).create(portal.orgId(), request, "setup link " + portal.linkId());
            new PortalAudit(session, portal).succeeded(OperationType.CREATE, ResourceType.IDENTITY_PROVIDER,
                    "identity-provider/instances/" + connection.id(), connection);
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
        return unlessDatabaseDown(() -> new SetupLinks(session).session(cookieValue(COOKIE))
                .map(portal -> SetupPortalPages.portal(session, view(portal)))
                .orElseGet(() -> SetupPortalPages.testFinished(session, portalUrl("portal"))));
    }

    @POST
    @Path("portal/scim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response scim(@FormParam("csrf") String csrf, @FormParam("name") String name) {
        return creation(csrf, SetupIntent.SCIM, PortalLimit.SCIM_DIRECTORIES, portal -> {
            ScimDirectory.Created directory = new ScimDirectories(session).create(portal.orgId(), name, null);
            new PortalAudit(session, portal).succeeded(OperationType.CREATE, ResourceType.ORGANIZATION,
                    "organizations/" + portal.orgId() + "/scim-directories/" + directory.id(),
                    Map.of("id", directory.id(), "name", directory.name(), "baseUrl", directory.baseUrl()));
            return SetupPortalPages.portal(session, view(portal).scimCreated(directory));
        });
    }

    /** A step that creates something: counted against the link's {@link PortalLimit}, refused beyond it. */
    private Response creation(String csrf, SetupIntent intent, PortalLimit limit, Function<PortalSession, Response> action) {
        return step(csrf, intent, portal -> new SetupLinks(session).countCreation(portal.linkId(), limit)
                ? action.apply(portal)
                : SetupPortalPages.limitReached(session, view(portal).limitReached(limit)));
    }

    /** One step of the portal: the session must be live, the form must be this session's, the intent the link's. */
    private Response step(String csrf, SetupIntent intent, Function<PortalSession, Response> action) {
        return withSession(portal -> {
            if (!FormToken.matches(STEP_FORM, cookieValue(COOKIE), csrf)) {
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
        return unlessDatabaseDown(() -> new SetupLinks(session).session(cookieValue(COOKIE))
                .map(page)
                .orElseGet(() -> SetupPortalPages.sessionOver(session)));
    }

    /**
     * Every page of the portal: while the database is out of reach, the IT admin gets a themed page
     * asking to try again shortly (503), and nothing was changed.
     */
    private Response unlessDatabaseDown(Supplier<Response> page) {
        try {
            return page.get();
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            session.getTransactionManager().setRollbackOnly();
            LOG.warnf("Setup portal answered 503, the database is unavailable: %s", e.getMessage());
            return SetupPortalPages.unavailable(session);
        }
    }

    private PortalView view(PortalSession portal) {
        Org org = session.getProvider(GatehouseOrganizations.class).get(portal.orgId());
        OrgConnections connections = new OrgConnections(session);
        boolean sso = portal.allows(SetupIntent.SSO);
        List<Connection> connected = sso ? connections.list(portal.orgId()) : List.of();
        ConnectionTests tests = new ConnectionTests(session);
        Map<String, ConnectionTests.Result> latest = new HashMap<>();
        connected.forEach(c -> tests.latest(c.id()).filter(t -> t.orgId().equals(portal.orgId())).ifPresent(t -> latest.put(c.id(), t)));
        return new PortalView(org, portal, FormToken.of(STEP_FORM, cookieValue(COOKIE)), portalUrl("portal"), connected,
                sso ? connections.preview(portal.orgId(), "saml") : null,
                sso ? connections.preview(portal.orgId(), "oidc") : null).tests(latest);
    }

    private String cookieValue(String name) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(name);
        return cookie == null ? null : cookie.getValue();
    }

    /** The portal's cookies: sent only by pages of this site (SameSite=Strict), never to scripts. */
    private NewCookie cookie(String name, String value, String url, Duration maxAge) {
        return new NewCookie.Builder(name)
                .value(value)
                .path(URI.create(url).getPath())
                .httpOnly(true)
                .secure("https".equals(session.getContext().getUri().getBaseUri().getScheme()))
                .sameSite(NewCookie.SameSite.STRICT)
                .maxAge((int) maxAge.toSeconds())
                .build();
    }

    private String portalUrl(String path) {
        UriBuilder base = Urls.realmBase(session.getContext().getUri().getBaseUri())
                .path(session.getContext().getRealm().getName()).path(SetupLinks.PORTAL_PATH);
        return (path.isEmpty() ? base : base.path(path)).build().toString() + (path.isEmpty() ? "/" : "");
    }
}
