package io.gatehouse.api;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.onboarding.SupportAccount;
import io.gatehouse.onboarding.SupportAccounts;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.RoleGroups;
import io.gatehouse.org.Org;
import io.gatehouse.verification.DomainVerification;
import io.gatehouse.sso.policy.MemberPolicies;
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
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
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
        return answers.create(() -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org org = orgs().create(request.toNewDraft(orgs(), allowPublicMailboxDomains));
            event(OperationType.CREATE, org);
            return Answers.json(Response.Status.CREATED, org);
        });
    }

    /** Lists only the organizations the admin may view. */
    @GET
    @Path("orgs")
    public Response search(@QueryParam("search") String search,
                           @QueryParam("externalId") String externalId,
                           @QueryParam("first") @DefaultValue("0") String first,
                           @QueryParam("max") @DefaultValue("" + DEFAULT_PAGE) String max) {
        return answers.search(() -> {
            if (externalId != null) {
                return Answers.json(Response.Status.OK, orgs().findByExternalId(externalId).filter(this::visible).map(List::of).orElse(List.of()));
            }
            return Answers.json(Response.Status.OK, visible(search, number("first", first, 0, Integer.MAX_VALUE),
                    number("max", max, 1, MAX_PAGE)));
        });
    }

    /** The operator's regions, for a form's dropdown; empty when region and backendUrl are free text. */
    @GET
    @Path("regions")
    public Response regions() {
        return answers.search(() -> Answers.json(Response.Status.OK, orgs().regions().list()));
    }

    @GET
    @Path("orgs/{id}")
    public Response get(@PathParam("id") String id) {
        return answers.on(id, Access.view(), org -> Answers.json(Response.Status.OK, orgs().get(org.getId())));
    }

    @PUT
    @Path("orgs/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body,
                           @QueryParam("allowPublicMailboxDomains") boolean allowPublicMailboxDomains) {
        return answers.on(id, Access.manage(), model -> {
            OrgRequest request = Json.read(body, OrgRequest.class);
            Org org = OrgUpdate.apply(session, id, current -> request.toUpdateDraft(current, orgs(), allowPublicMailboxDomains),
                    answers.caller());
            event(OperationType.UPDATE, org);
            return Answers.json(Response.Status.OK, org);
        });
    }

    @DELETE
    @Path("orgs/{id}")
    public Response delete(@PathParam("id") String id) {
        return answers.on(id, Access.manage(), model -> {
            if (session.getProvider(OrganizationProvider.class).getIdentityProviders(model).findAny().isPresent()) {
                answers.require(Right.MANAGE_IDENTITY_PROVIDERS, "Deleting an organization deletes its connections (identity providers), which");
            }
            Org org = orgs().get(id);
            orgs().delete(id);
            event(OperationType.DELETE, org);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response startVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        return answers.on(id, Access.manage(), org -> verificationAnswer(orgs().startVerification(id, domain)));
    }

    @GET
    @Path("orgs/{id}/domains/{domain}/verification")
    public Response checkVerification(@PathParam("id") String id, @PathParam("domain") String domain) {
        // A look-up records what it found, so it needs the same right as any other change.
        return answers.on(id, Access.manage(), org -> verificationAnswer(orgs().checkVerification(id, domain)));
    }

    private Response verificationAnswer(DomainVerification verification) {
        VerificationRepresentation answer = VerificationRepresentation.of(verification);
        adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.ACTION)
                .resourcePath(session.getContext().getUri())
                .representation(answer)
                .success();
        return Answers.json(Response.Status.OK, answer);
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
        return answers.on(id, Access.view().and(Right.VIEW_EVENTS), org -> Answers.json(Response.Status.OK,
                new ActivityLog(session).list(id, number("first", first, 0, Integer.MAX_VALUE), number("max", max, 1, ActivityLog.MAX_PAGE))));
    }

    @Path("events")
    public EventsResource events() {
        return new EventsResource(session, answers);
    }

    @Path("orgs/{id}/invitations")
    public InvitationsResource invitations(@PathParam("id") String id) {
        return new InvitationsResource(session, answers, adminEvent, auth, id);
    }

    /**
     * The org's members with their roles, by username, a page at a time: the members the admin may
     * view, as Keycloak's organization members endpoint lists them.
     */
    @GET
    @Path("orgs/{id}/members")
    public Response members(@PathParam("id") String id,
                            @QueryParam("first") @DefaultValue("0") String first,
                            @QueryParam("max") @DefaultValue("" + DEFAULT_PAGE) String max) {
        return answers.on(id, Access.view().and(Right.QUERY_USERS), org -> {
            int from = number("first", first, 0, Integer.MAX_VALUE);
            int count = number("max", max, 1, MAX_PAGE);
            if (!answers.mayViewUsers()) {
                return Answers.json(Response.Status.OK, List.of());
            }
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            List<Member> members = organizations.getMembersStream(org, (String) null, false, from, count)
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
        return answers.on(id, Access.manage(), org -> {
            RoleRequest request = Json.read(body, RoleRequest.class);
            if (request.role() == null || request.role().isBlank() || request.role().length() > 255) {
                throw ApiException.badRequest("invalid_role", "role must be a role name of 1 to 255 characters.");
            }
            String role = request.role().strip();
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            UserModel member = organizations.getMemberById(org, userId);
            if (member == null) {
                throw new ApiException(Response.Status.NOT_FOUND, "member_not_found", "No member '" + userId + "' in organization '" + id + "'.");
            }
            answers.requireGroupMembership(member);
            RoleGroups.Grant grant = RoleGroups.grant(session, organizations, org, member, role);
            if (grant.groupCreated()) {
                adminEvent.resource(ResourceType.GROUP).operation(OperationType.CREATE)
                        .resourcePath("groups", grant.group().getId())
                        .representation(Map.of("id", grant.group().getId(), "name", role, "organizationId", id))
                        .success();
            }
            adminEvent.resource(ResourceType.GROUP_MEMBERSHIP).operation(OperationType.CREATE)
                    .resourcePath("users", member.getId(), "groups", grant.group().getId())
                    .representation(Map.of("organizationId", id, "userId", member.getId(), "username", member.getUsername(),
                            "role", role, "groupId", grant.group().getId()))
                    .success();
            new ActivityLog(session).record(id, Activity.of("org.role_granted", Activity.Outcome.SUCCESS, answers.caller(),
                    member.getUsername(), role));
            return Response.noContent().build();
        });
    }

    /**
     * Creates the org's support account; its password and TOTP secret are in this answer only. It
     * creates an enabled user, grants it Gatehouse's break-glass realm role and makes it a member, so it
     * needs what Keycloak's own endpoints need for those. The role is Gatehouse's, made empty the first
     * time; its creation is recorded like the rest.
     */
    @POST
    @Path("orgs/{id}/support-account")
    public Response createSupportAccount(@PathParam("id") String id) {
        return answers.on(id, Access.manage().and(Right.MANAGE_USERS), org -> {
            RealmModel realm = session.getContext().getRealm();
            answers.requireRoleMapping(realm, MemberPolicies.BREAK_GLASS_ROLE);
            boolean roleExisted = realm.getRole(MemberPolicies.BREAK_GLASS_ROLE) != null;
            SupportAccount account = new SupportAccounts(session).create(id);
            RoleModel role = realm.getRole(MemberPolicies.BREAK_GLASS_ROLE);
            Map<String, String> roleRepresentation = Map.of("id", role.getId(), "name", role.getName());
            if (!roleExisted) {
                adminEvent.resource(ResourceType.REALM_ROLE).operation(OperationType.CREATE)
                        .resourcePath("roles", role.getName())
                        .representation(roleRepresentation)
                        .success();
            }
            adminEvent.resource(ResourceType.USER).operation(OperationType.CREATE)
                    .resourcePath("users", account.userId())
                    .representation(Map.of("id", account.userId(), "username", account.username(), "enabled", true))
                    .success();
            adminEvent.resource(ResourceType.REALM_ROLE_MAPPING).operation(OperationType.CREATE)
                    .resourcePath("users", account.userId(), "role-mappings", "realm")
                    .representation(List.of(roleRepresentation))
                    .success();
            adminEvent.resource(ResourceType.ORGANIZATION_MEMBERSHIP).operation(OperationType.CREATE)
                    .resourcePath("organizations", id, "members", account.userId())
                    .representation(Map.of("organizationId", id, "userId", account.userId(), "username", account.username()))
                    .success();
            new ActivityLog(session).record(id, Activity.of("support_account.created", Activity.Outcome.SUCCESS, answers.caller(),
                    account.username(), null));
            return Answers.json(Response.Status.CREATED, account);
        });
    }

    @Path("orgs/{id}/sso-notice")
    public SsoNoticeResource ssoNotice(@PathParam("id") String id) {
        return new SsoNoticeResource(session, answers, adminEvent, id);
    }

    @Path("orgs/{id}/setup-links")
    public SetupLinksResource setupLinks(@PathParam("id") String id) {
        return new SetupLinksResource(session, answers, adminEvent, id);
    }

    @Path("orgs/{id}/scim-directories")
    public ScimDirectoriesResource scimDirectories(@PathParam("id") String id) {
        return new ScimDirectoriesResource(session, answers, adminEvent, id);
    }

    @Path("webhooks")
    public WebhooksResource webhooks() {
        return new WebhooksResource(session, answers, adminEvent);
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

    private boolean visible(Org org) {
        OrganizationModel model = session.getProvider(OrganizationProvider.class).getById(org.id());
        return model != null && answers.mayView(model);
    }

    /**
     * A page of the search's results that the admin may view. An admin who may view every
     * organization gets the search's own page; others get the search walked in pages, the ones they
     * may not view left out, so {@code first} and {@code max} count what they see.
     */
    private List<Org> visible(String search, int first, int max) {
        if (answers.mayViewAll()) {
            return orgs().search(search, first, max);
        }
        List<Org> page = new ArrayList<>();
        int skipped = 0;
        for (int offset = 0; page.size() < max; offset += MAX_PAGE) {
            List<Org> batch = orgs().search(search, offset, MAX_PAGE);
            for (Org org : batch) {
                if (page.size() < max && visible(org)) {
                    if (skipped < first) {
                        skipped++;
                    } else {
                        page.add(org);
                    }
                }
            }
            if (batch.size() < MAX_PAGE) {
                break;
            }
        }
        return page;
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
