package io.gatehouse.sso.policy;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.UserModel;
import org.keycloak.representations.idm.OAuth2ErrorRepresentation;

/**
 * How a login policy stops a flow: a login error event {@code gatehouse_<reason>} with the reason
 * (and the organization when known), and the answer the caller can read: a themed page in the
 * browser, an OAuth error on the token endpoint (direct grant). Keycloak records no event for a
 * failure that comes with its own answer, so the event is sent here.
 */
final class FlowRefusal {

    static final String DETAIL_ORG = "org_id";

    private FlowRefusal() {
    }

    static void refuse(AuthenticationFlowContext context, UserModel user, String orgId, String reason, String messageKey, String sentence) {
        EventBuilder event = context.getEvent().clone().detail(Details.REASON, reason);
        if (user != null) {
            event.user(user);
        }
        if (orgId != null) {
            event.detail(DETAIL_ORG, orgId);
        }
        event.error("gatehouse_" + reason);
        context.failure(AuthenticationFlowError.ACCESS_DENIED, answer(context, messageKey, sentence));
    }

    private static Response answer(AuthenticationFlowContext context, String messageKey, String sentence) {
        if (context.getSession().getContext().getUri().getPath().endsWith("/token")) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new OAuth2ErrorRepresentation("invalid_grant", sentence)).build();
        }
        return context.form().setError(messageKey).createErrorPage(Response.Status.FORBIDDEN);
    }
}
