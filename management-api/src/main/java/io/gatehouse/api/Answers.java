package io.gatehouse.api;

import io.gatehouse.org.OrgRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.util.function.Supplier;

/**
 * How every API call answers: authorized like Keycloak's organization endpoints, and any refusal
 * becomes a JSON error while the transaction is rolled back, so a refused request stores nothing.
 */
final class Answers {

    private static final Logger LOG = Logger.getLogger(Answers.class);

    private final KeycloakSession session;
    private final AdminPermissionEvaluator auth;

    Answers(KeycloakSession session, AdminPermissionEvaluator auth) {
        this.session = session;
        this.auth = auth;
    }

    Response read(Supplier<Response> action) {
        return answer(auth.orgs().canView(), action);
    }

    Response write(Supplier<Response> action) {
        return answer(auth.orgs().canManage(), action);
    }

    static Response json(Response.Status status, Object entity) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(entity)).build();
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
        session.getTransactionManager().setRollbackOnly();
        LOG.debugf("Refused %s %s: %s", session.getContext().getHttpRequest().getHttpMethod(),
                session.getContext().getUri().getPath(), e.getMessage());
        return json(e.status(), e.body());
    }

    /** Who is calling, for the activity log: the admin's username. */
    String caller() {
        return auth.adminAuth().getUser().getUsername();
    }
}
