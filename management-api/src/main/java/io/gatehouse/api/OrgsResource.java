package io.gatehouse.api;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.onboarding.SupportAccount;
import io.gatehouse.onboarding.SupportAccounts;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.RoleGroups;
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
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/realms/{realm}/gatehouse}: organizations and their domain verification. Authorized
 * as Keycloak authorizes its own organization endpoints; every write is a Keycloak admin event.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class OrgsResource {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;

    OrgsResource(KeycloakSession session, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.auth = auth;
        this.answers = new Answers(session, auth);
        this.adminEvent = adminEvent;
    }

    @POST
    @Path("orgs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body, @QueryParam("allowPublicMailboxDomains") boolean allowPublicMailboxDomains) {
        return answers.write(() -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org org = orgs().create(request.toNewDraft(orgs().domainRules(), allowPublicMailboxDomains));
            event(OperationType.CREATE, org);
            return Answers.json(Response.Status.CREATED, org);
        });
    }

    @GET
    @Path("orgs")
    public Response search(@QueryParam("search") String search,
                           @QueryParam("externalId") String externalId,
                           @QueryParam("first") @DefaultValue("0") String first,
                           @QueryParam("max") @DefaultValue("" + DEFAULT_PAGE) String max) {
        return answers.read(() -> {
            if (externalId != null) {
                return Answers.json(Response.Status.OK, orgs().findByExternalId(externalId).map(List::of).orElse(List.of()));
            }
            return Answers.json(Response.Status.OK, orgs().search(search, number("first", first, 0, Integer.MAX_VALUE),
                    number("max", max, 1, MAX_PAGE)));
        });
    }

    @GET
    @Path("orgs/{id}")
    public Response get(@PathParam("id") String id) {
        return answers.read(() -> Answers.json(Response.Status.OK, orgs().get(id)));
    }

    @PUT
    @Path("orgs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body,
                           @QueryParam("allowPublicMailboxDomains") boolean allowPublicMailboxDomains) {
        return answers.write(() -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org org = OrgUpdate.apply(session, id, current -> request.toUpdateDraft(current, orgs().domainRules(), allowPublicMailboxDomains),
                    answers.caller());
            event(OperationType.UPDATE, org);
            return Answers.json(Response.Status.OK, org);
        });
    }

    @DELETE
    @Path("orgs/{id}")
    public Response delete(@PathParam("id") String id) {
        return answers.write(() -> {
            Org org = orgs().get(id);
            orgs().delete(id);
            event(OperationType.DELETE, org);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response startVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        return answers.write(() -> Answers.json(Response.Status.OK, VerificationRepresentation.of(orgs().startVerification(id, domain))));
    }

    @GET
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response checkVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        // A look-up records what it found, so it needs the same right as any other change.
        return answers.write(() -> Answers.json(Response.Status.OK, VerificationRepresentation.of(orgs().checkVerification(id, domain))));
    }

    @Path("orgs/{id}/connections")
    public ConnectionsResource connections(@PathParam("id") String id) {
        return new ConnectionsResource(session, answers, adminEvent, id);
    }

    @GET
    @Path("orgs/{id}/activity")
    public Response activity(@PathParam("id") String id,
                             @QueryParam("first") @DefaultValue("0") String first,
                             @QueryParam("max") @DefaultValue("" + ActivityLog.MAX_PAGE) String max) {
        return answers.read(() -> {
            orgs().get(id);
            return Answers.json(Response.Status.OK, new ActivityLog(session).list(id, number("first", first, 0, Integer.MAX_VALUE),
                    number("max", max, 1, ActivityLog.MAX_PAGE)));
        });
    }

    @Path("orgs/{id}/invitations")
    public InvitationsResource invitations(@PathParam("id") String id) {
        return new InvitationsResource(session, answers, adminEvent, auth, id);
    }

    /** The org's members with their roles, by username, a page at a time. */
    @GET
    @Path("orgs/{id}/members")
    public Response members(@PathParam("id") String id,
                            @QueryParam("first") @DefaultValue("0") String first,
                            @QueryParam("max") @DefaultValue("" + DEFAULT_PAGE) String max) {
        return answers.read(() -> {
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            OrganizationModel org = organizations.getById(id);
            if (org == null) {
                throw OrgRequestException.notFound("org_not_found", "No organization '" + id + "'.");
            }
            List<Member> members = organizations.getMembersStream(org, (String) null, false,
                            number("first", first, 0, Integer.MAX_VALUE), number("max", max, 1, MAX_PAGE))
                    .map(user -> new Member(user.getId(), user.getUsername(), user.getEmail(), user.isEnabled(),
                            organizations.isManagedMember(org, user) ? "MANAGED" : "UNMANAGED", RoleGroups.of(organizations, org, user)))
                    .toList();
            return Answers.json(Response.Status.OK, members);
        });
    }

    record Member(String id, String username, String email, boolean enabled, String membershipType, List<String> roles) {
    }

    @POST
    @Path("orgs/{id}/members/{userId}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grantRole(@PathParam("id") String id, @PathParam("userId") String userId, String body) {
        return answers.write(() -> {
            RoleRequest request = Json.read(body, RoleRequest.class);
            if (request.role() == null || request.role().isBlank() || request.role().length() > 255) {
                throw ApiException.badRequest("invalid_role", "role must be a role name of 1 to 255 characters.");
            }
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            OrganizationModel org = organizations.getById(id);
            UserModel member = org == null ? null : organizations.getMemberById(org, userId);
            if (member == null) {
                throw new ApiException(Response.Status.NOT_FOUND, "member_not_found", "No member '" + userId + "' in organization '" + id + "'.");
            }
            RoleGroups.grant(session, organizations, org, member, request.role().strip());
            new ActivityLog(session).record(id, Activity.of("org.role_granted", Activity.Outcome.SUCCESS, answers.caller(),
                    member.getUsername(), request.role().strip()));
            return Response.noContent().build();
        });
    }

    /** Creates the org's support account; its password and TOTP secret are in this answer only. */
    @POST
    @Path("orgs/{id}/support-account")
    public Response createSupportAccount(@PathParam("id") String id) {
        return answers.write(() -> {
            SupportAccount account = new SupportAccounts(session).create(id);
            adminEvent.resource(ResourceType.USER).operation(OperationType.CREATE)
                    .resourcePath(session.getContext().getUri())
                    .representation(Map.of("id", account.userId(), "username", account.username()))
                    .success();
            new ActivityLog(session).record(id, Activity.of("support_account.created", Activity.Outcome.SUCCESS, answers.caller(),
                    account.username(), null));
            return Answers.json(Response.Status.CREATED, account);
        });
    }

    @Path("orgs/{id}/setup-links")
    public SetupLinksResource setupLinks(@PathParam("id") String id) {
        return new SetupLinksResource(session, answers, adminEvent, id);
    }

    @Path("orgs/{id}/scim-directories")
    public ScimDirectoriesResource scimDirectories(@PathParam("id") String id) {
        return new ScimDirectoriesResource(session, answers, adminEvent, id);
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

    private void event(OperationType operation, Org org) {
        adminEvent.resource(ResourceType.ORGANIZATION).operation(operation)
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

    private GatehouseOrganizations orgs() {
        return session.getProvider(GatehouseOrganizations.class);
    }
}
