package io.gatehouse.sso.discovery;

import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * The authorization request parameter by which an app names the organization a person signs in
 * to, with the external ID the app keeps for it: {@code org_external_id=crm-1001}. Keycloak keeps
 * request parameters it does not know as client notes of the login (control characters removed,
 * size limited by its additional-request-parameter settings); this reads that note.
 */
final class OrgExternalIdParameter {

    static final String NAME = "org_external_id";
    private static final String NOTE = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + NAME;

    private OrgExternalIdParameter() {
    }

    /** The value the app sent with this login, if any; blank counts as none. */
    static Optional<String> of(AuthenticationSessionModel authSession) {
        return Optional.ofNullable(authSession.getClientNote(NOTE)).filter(v -> !v.isBlank());
    }
}
