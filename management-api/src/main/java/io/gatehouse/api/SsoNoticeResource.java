package io.gatehouse.api;

import io.gatehouse.activity.ActivityLog;
import io.gatehouse.onboarding.SsoArrivalNotice;
import io.gatehouse.sso.ConnectionStates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Comparator;
import java.util.Map;

/**
 * {@code /orgs/{id}/sso-notice}: sends the "your organization signs in with SSO now" email again
 * ({@link SsoArrivalNotice}), to every member who signs in with a password, and answers how many
 * were mailed. Recorded in the org's activity log and as a Keycloak admin event.
 */
@Produces(MediaType.APPLICATION_JSON)
public final class SsoNoticeResource {

    /** Mailing every member about their account, as inviting does: manage on the org and manage-users. */
    private static final Access NOTIFY = Access.manage().and(Right.MANAGE_USERS);

    private final KeycloakSession session;
    private final Answers answers;
    private final AdminEventBuilder adminEvent;
    private final String orgId;

    SsoNoticeResource(KeycloakSession session, Answers answers, AdminEventBuilder adminEvent, String orgId) {
        this.session = session;
        this.answers = answers;
        this.adminEvent = adminEvent;
        this.orgId = orgId;
    }

    /** The answer: which connection the link connects to, how many members were mailed and how many failed. */
    record Sent(String connectionId, int mailed, int failed) {
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
    public Response send(String body) {
        return answers.on(orgId, NOTIFY, org -> {
            String requested = body == null || body.isBlank() ? null : Json.read(body, SsoNoticeRequest.class).connectionId();
            String connectionId = connection(org, requested);
            SsoArrivalNotice.Result result = new SsoArrivalNotice(session).send(orgId, connectionId);
            if (!result.smtp()) {
                ActivityLog.recordRefusal(session, orgId, result.activity(answers.caller()));
                throw new ApiException(Response.Status.CONFLICT, "no_smtp",
                        "This realm has no SMTP server configured, so Keycloak cannot send the email; no member was mailed.");
            }
            Sent sent = new Sent(connectionId, result.mailed(), result.failed());
            new ActivityLog(session).record(orgId, result.activity(answers.caller()));
            adminEvent.resource(ResourceType.ORGANIZATION).operation(OperationType.ACTION)
                    .resourcePath(session.getContext().getUri())
                    .representation(Map.of("organizationId", orgId, "connectionId", connectionId, "mailed", sent.mailed(), "failed", sent.failed()))
                    .success();
            return Answers.json(Response.Status.OK, sent);
        });
    }

    /**
     * The named connection of the org, or its first by id that signs people in: the email's link only
     * works through one. 404 when the org has not the one named, 409 when it is not active or there is none.
     */
    private String connection(OrganizationModel org, String requested) {
        ConnectionStates states = new ConnectionStates(session);
        if (requested != null) {
            IdentityProviderModel named = org.getIdentityProviders().filter(idp -> requested.equals(idp.getAlias())).findFirst()
                    .orElseThrow(() -> new ApiException(Response.Status.NOT_FOUND, "connection_not_found",
                            "This organization has no connection '" + requested + "'."));
            if (!signsIn(states, named)) {
                throw new ApiException(Response.Status.CONFLICT, "connection_not_active",
                        "Connection '" + requested + "' is not active, so its link would not work; activate it (Test connection) first.");
            }
            return named.getAlias();
        }
        return org.getIdentityProviders().filter(idp -> signsIn(states, idp)).map(IdentityProviderModel::getAlias).min(Comparator.naturalOrder())
                .orElseThrow(() -> new ApiException(Response.Status.CONFLICT, "no_connection",
                        "This organization has no active SSO connection yet, so there is nothing to tell its members; connect one and test it first."));
    }

    private static boolean signsIn(ConnectionStates states, IdentityProviderModel idp) {
        return idp.isEnabled() && states.of(idp).state().signsIn();
    }
}
