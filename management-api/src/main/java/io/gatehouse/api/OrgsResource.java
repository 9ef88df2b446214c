package io.gatehouse.api;

import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/gatehouse}: organizations and their domain verification. Authorized
 * as Keycloak authorizes its own organization endpoints; every write is a Keycloak admin event.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OrgsResource {

    private static final Logger LOG = Logger.getLogger(OrgsResource.class);
    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    OrgsResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.adminEvent = adminEvent.resource(ResourceType.ORGANIZATION);
    }

    @POST
    @Path("orgs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @QueryParam("allowPublicMailboxDomains") boolean allowPublicMailboxDomains) {
        return write(() -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org org = orgs().create(request.toNewDraft(orgs().domainRules(), allowPublicMailboxDomains));
            event(OperationType.CREATE, org);
            return json(Response.Status.CREATED, org);
        });
    }

    @GET
    @Path("orgs")
    public Response search(@QueryParam("search") String search,
                           @QueryParam("externalId") String externalId,
                           @QueryParam("first") @DefaultValue("0") String first,
                           @QueryParam("max") @DefaultValue("" + DEFAULT_PAGE) String max) {
        return read(() -> {
            if (externalId != null) {
                return json(Response.Status.OK, orgs().findByExternalId(externalId).map(List::of).orElse(List.of()));
            }
            return json(Response.Status.OK, orgs().search(search, number("first", first, 0, Integer.MAX_VALUE),
                    number("max", max, 1, MAX_PAGE)));
        });
    }

    @GET
    @Path("orgs/{id}")
    public Response get(@PathParam("id") String id) {
        return read(() -> json(Response.Status.OK, orgs().get(id)));
    }

    @PUT
    @Path("orgs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body,
                           @QueryParam("allowPublicMailboxDomains") boolean allowPublicMailboxDomains) {
        return write(() -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org current = orgs().get(id);
            Org org = orgs().update(id, request.toUpdateDraft(current, orgs().domainRules(), allowPublicMailboxDomains));
            event(OperationType.UPDATE, org);
            return json(Response.Status.OK, org);
        });
    }

    @DELETE
    @Path("orgs/{id}")
    public Response delete(@PathParam("id") String id) {
        return write(() -> {
            Org org = orgs().get(id);
            orgs().delete(id);
            event(OperationType.DELETE, org);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response startVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        return write(() -> json(Response.Status.OK, VerificationRepresentation.of(orgs().startVerification(id, domain))));
    }

    @GET
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response checkVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        // A look-up records what it found, so it needs the same right as any other change.
        return write(() -> json(Response.Status.OK, VerificationRepresentation.of(orgs().checkVerification(id, domain))));
    }

    @GET
    @Path("openapi.json")
    public Response openApi() {
        try (InputStream in = OrgsResource.class.getResourceAsStream("/gatehouse-openapi.json")) {
            return Response.ok(in.readAllBytes(), MediaType.APPLICATION_JSON_TYPE).build();
        } catch (IOException e) {
            throw new IllegalStateException("The bundle lacks gatehouse-openapi.json", e);
        }
    }

    private Response read(Supplier<Response> action) {
        return answer(auth.orgs().canView(), action);
    }

    private Response write(Supplier<Response> action) {
        return answer(auth.orgs().canManage(), action);
    }

    private Response answer(boolean allowed, Supplier<Response> action) {
        try {
            if (!allowed) {
                throw ApiException.forbidden();
            }
            return action.get();
        } catch (OrgRequestException e) {
            return error(ApiException.from(e));
        } catch (ApiException e) {
            return error(e);
        }
    }

    private Response error(ApiException e) {
        // Nothing of a refused request may reach the database.
        session.getTransactionManager().setRollbackOnly();
        LOG.debugf("Refused %s %s: %s", session.getContext().getHttpRequest().getHttpMethod(),
                session.getContext().getUri().getPath(), e.getMessage());
        return json(e.status(), e.body());
    }

    private void event(OperationType operation, Org org) {
        adminEvent.operation(operation)
                .resourcePath(session.getContext().getUri())
                .representation(org)
                .success();
    }

    private static int number(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("invalid_query", name + " must be a whole number from " + min + " to " + max + ".");
    }

    private static Response json(Response.Status status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(entity)).build();
    }

    private GatehouseOrganizations orgs() {
        return session.getProvider(GatehouseOrganizations.class);
    }
}
