package io.gatehouse.api;

import io.gatehouse.activity.Activity;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.persistence.DatabaseOutage;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authorization.fgap.AdminPermissionsSchema;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every API call is authorized and answered. Authorization is Keycloak's own, per organization,
 * as its organization endpoints do it: a route that names an organization needs view or manage on
 * that one (so fine-grained permissions on one organization count), and each action also needs the
 * rights Keycloak's own endpoint for that action needs. Any refusal becomes a JSON error while the
 * transaction is rolled back, so a refused request stores nothing.
 */
final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class);

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    Answers(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    /** Creating an organization: manage on all of them, as Keycloak's {@code POST /organizations}. */
    Response create(Supplier<Response> action) {
        return answer(() -> {
            require(auth.orgs().canManage(), "Creating an organization needs manage-organizations or manage-realm "
                    + "(or a fine-grained permission to manage all organizations).");
            return action.get();
        });
    }

    /**
     * Listing organizations: query-organizations, as Keycloak's {@code GET /organizations}. The
     * action lists only what {@link #mayView} allows.
     */
    Response search(Supplier<Response> action) {
        return answer(() -> {
            require(auth.orgs().canQuery(), "Listing organizations needs query-organizations, view-organizations, "
                    + "manage-organizations or manage-realm.");
            return action.get();
        });
    }

    /**
     * Whether the admin may view every organization, so a list needs no filter. With fine-grained
     * permissions on, a permission on one organization overrides the one on all, so only each
     * organization's own check can tell.
     */
    boolean mayViewAll() {
        return !adminPermissionsEnabled() && auth.orgs().canView();
    }

    boolean mayView(OrganizationModel org) {
        return auth.orgs().canView(org);
    }

    /**
     * A route that names an organization. A missing one is 404 to an admin who may list organizations,
     * 403 to others, as Keycloak answers; then view on it, manage on it when {@code access} says so, and
     * the further rights, are checked before {@code action} runs.
     */
    Response on(String orgId, Access access, Function<OrganizationModel, Response> action) {
        return answer(() -> {
            OrganizationModel org = organization(orgId);
            if (org == null) {
                if (!auth.orgs().canQuery()) {
                    throw ApiException.forbidden("This needs " + access.needs() + ".");
                }
                throw OrgRequestException.notFound("org_not_found", "No organization '" + orgId + "'.");
            }
            require(access.grantedTo(auth, org), "This needs " + access.needs() + ".");
            return action.apply(org);
        });
    }

    /**
     * A route over every organization of the realm: view on all of them, with no fine-grained permission
     * that could hide one, and the further rights of {@code access}.
     */
    Response overAll(Access access, String orNarrower, Supplier<Response> action) {
        return answer(() -> {
            require(mayViewAll() && access.rights().stream().allMatch(right -> right.grantedTo(auth)),
                    "This needs " + access.needs().replace("this organization", "every organization") + "; " + orNarrower);
            return action.get();
        });
    }

    /**
     * A route on something that belongs to one organization, or to the whole realm when {@code owner}
     * answers null (a webhook endpoint): the owner is found first (what is missing is 404), then the
     * access is checked on that organization, or on all of them.
     */
    Response onOrgOrRealm(Supplier<String> owner, Access access, Supplier<Response> action) {
        return answer(() -> {
            String orgId = owner.get();
            if (orgId != null) {
                return on(orgId, access, org -> action.get());
            }
            require(mayAll(access), "This needs " + access.needsOnAll() + "; with fine-grained admin permissions on, "
                    + "an endpoint of one organization (organizationId).");
            return action.get();
        });
    }

    /** Answers what {@code action} answers, or the JSON error it throws. */
    Response guarded(Supplier<Response> action) {
        return answer(action);
    }

    /** Whether the admin has the access on that organization, or on all of them for a null one. */
    boolean may(Access access, String orgId) {
        if (orgId == null) {
            return mayAll(access);
        }
        OrganizationModel org = organization(orgId);
        return org != null && access.grantedTo(auth, org);
    }

    /**
     * What belongs to the whole realm carries every organization's events: the access on all of them,
     * and, as {@link #overAll}, no fine-grained permission that could hide one.
     */
    private boolean mayAll(Access access) {
        return mayViewAll() && access.grantedOnAllTo(auth);
    }

    /** The realm's organization of that id, or null: Keycloak throws for an id of another realm's organization. */
    private OrganizationModel organization(String orgId) {
        try {
            return orgId == null ? null : session.getProvider(OrganizationProvider.class).getById(orgId);
        } catch (ModelException e) {
            return null;
        }
    }

    /** A right that depends on what the request asks for, checked inside an action. */
    void require(Right right, String what) {
        require(right.grantedTo(auth), what + " needs " + right.role() + ".");
    }

    /** Putting a user in one of the organization's groups, as Keycloak's organization group members endpoint. */
    void requireGroupMembership(UserModel user) {
        require(auth.users().canManageGroupMembership(user), "Granting an organization role to this user needs "
                + "manage-users (or a fine-grained permission to manage their group membership).");
    }

    /**
     * Granting one of Gatehouse's own realm roles, as Keycloak's role-mapping endpoint decides it. A
     * missing one is created empty on first use, which grants nothing by itself.
     */
    void requireRoleMapping(RealmModel realm, String name) {
        RoleModel role = realm.getRole(name);
        require(role == null || auth.roles().canMapRole(role), "Granting the realm role '" + name
                + "' needs manage-users.");
    }

    /** Giving an OAuth client a new power, as configuring it in Keycloak's clients endpoint. */
    void requireClientManagement(ClientModel client) {
        require(auth.clients().canManage(client), "Binding the OAuth client '" + client.getClientId()
                + "', which lets it provision users, needs manage-clients (or a fine-grained permission to manage that client).");
    }

    /** Whether the admin sees the users a list returns: with fine-grained permissions, Keycloak's query filters them. */
    boolean mayViewUsers() {
        return auth.users().canView() || adminPermissionsEnabled();
    }

    private boolean adminPermissionsEnabled() {
        return AdminPermissionsSchema.SCHEMA.isAdminPermissionsEnabled(session.getContext().getRealm());
    }

    static Response json(Response.Status status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(entity)).build();
    }

    /** Who is calling, for the activity log: the admin's realm and username, such as {@code master/admin}. */
    String caller() {
        return nameOf(auth.adminAuth());
    }

    /** An admin as the activity log names them ({@link Activity#admin}). */
    static String nameOf(AdminAuth admin) {
        return Activity.admin(admin.getRealm().getName(), admin.getUser().getUsername());
    }

    private static void require(boolean allowed, String message) {
        if (!allowed) {
            throw ApiException.forbidden(message);
        }
    }

    private Response answer(Supplier<Response> action) {
        try {
            return action.get();
        } catch (OrgRequestException e) {
            return error(ApiException.from(e));
        } catch (ApiException e) {
            return error(e);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                LOG.warnf("Answered 503, the database is unavailable: %s", e.getMessage());
                return error(ApiException.unavailable());
            }
            throw e;
        }
    }

    private Response error(ApiException e) {
        session.getTransactionManager().setRollbackOnly();
        LOG.debugf("Refused %s %s: %s", session.getContext().getHttpRequest().getHttpMethod(),
                session.getContext().getUri().getPath(), e.getMessage());
        return json(e.status(), e.body());
    }
}
