package io.gatehouse.org;

import org.jboss.logging.Logger;
import org.keycloak.authentication.actiontoken.inviteorg.InviteOrgActionToken;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationInvitationModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.Urls;

import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of Keycloak's organization invitations the current request accepts, if any: the one proof
 * that a person who joins an organization is the person an invitation was sent to.
 *
 * <p>Keycloak's invitation link carries a signed action token: as {@code key} on the action-token
 * endpoint, where an existing user accepts, and as {@code token} on the registration form, where a
 * new user registers. In that request Keycloak adds the member and only then deletes the invitation
 * (same transaction), so the invitation is still there to check while the member joins. Every other
 * way of joining (a SCIM directory, an IdP login, an admin adding the member, auto-join by domain)
 * carries no such token and accepts nothing, whatever the user's email says. A check that cannot
 * decide accepts nothing.
 */
public final class AcceptedInvitation {

    private static final Logger LOG = Logger.getLogger(AcceptedInvitation.class);

    /** Keycloak's endpoints that add a member from an invitation link (the last path segment under
     *  {@code login-actions}), and the query parameter each carries the token in. */
    private static final Map<String, String> TOKEN_PARAMETER_BY_ENDPOINT = Map.of(
            "action-token", Constants.KEY,
            "registration", Constants.TOKEN);

    private AcceptedInvitation() {
    }

    /** @return the id of the Keycloak invitation that this request accepts, for this user and organization */
    static Optional<String> of(KeycloakSession session, OrganizationModel org, UserModel user) {
        try {
            String raw = tokenOfRequest(session.getContext().getHttpRequest());
            if (raw == null) {
                return Optional.empty();
            }
            InviteOrgActionToken token = session.tokens().decode(raw, InviteOrgActionToken.class);
            OrganizationInvitationModel invitation = token == null || token.getId() == null ? null
                    : session.getProvider(OrganizationProvider.class).getInvitationManager().getById(token.getId());
            String issuer = Urls.realmIssuer(session.getContext().getUri().getBaseUri(), session.getContext().getRealm().getName());
            String refusal = token != null && token.getSubject() != null && !user.isEmailVerified()
                    ? "the invited account has not verified its email"
                    : refusal(token, invitation, issuer, org.getId(), user.getId(), user.getEmail());
            if (refusal != null) {
                LOG.warnf("User '%s' joined organization '%s' with an invitation link that accepts no invitation (%s)",
                        user.getUsername(), org.getAlias(), refusal);
                return Optional.empty();
            }
            return Optional.of(token.getId());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Could not tell whether user '%s' joined organization '%s' through an invitation link; taken as not",
                    user.getUsername(), org.getAlias());
            return Optional.empty();
        }
    }

    /**
     * Why the token accepts no invitation of this organization for this user, or null if it accepts
     * {@code invitation}, the Keycloak invitation named by the token's id (null if Keycloak has none).
     */
    static String refusal(InviteOrgActionToken token, OrganizationInvitationModel invitation, String issuer,
                          String orgId, String userId, String userEmail) {
        if (token == null) {
            return "the token is not signed by this realm";
        }
        if (!InviteOrgActionToken.TOKEN_TYPE.equals(token.getActionId())) {
            return "not an organization invitation token";
        }
        if (!token.isActive()) {
            return "the token expired";
        }
        if (!Objects.equals(issuer, token.getIssuer())) {
            return "the token was issued by another realm";
        }
        if (!Objects.equals(orgId, token.getOrgId())) {
            return "the token invites to another organization";
        }
        if (userEmail == null || !userEmail.equalsIgnoreCase(token.getEmail())) {
            return "the token was sent to another email";
        }
        if (token.getSubject() != null && !token.getSubject().equals(userId)) {
            return "the token was sent to another user";
        }
        if (invitation == null || !Objects.equals(orgId, invitation.getOrganizationId())) {
            return "Keycloak no longer has the invitation";
        }
        if (invitation.isExpired()) {
            return "the invitation expired";
        }
        if (!userEmail.equalsIgnoreCase(invitation.getEmail())) {
            return "the invitation was sent to another email";
        }
        return null;
    }

    /** Whether this request is one of Keycloak's invitation links (the token itself is judged by Keycloak and {@link #of}). */
    public static boolean carriedBy(KeycloakSession session) {
        return tokenOfRequest(session.getContext().getHttpRequest()) != null;
    }

    /** The invitation token of a request to one of Keycloak's endpoints that accept invitation links, or null. */
    private static String tokenOfRequest(HttpRequest request) {
        UriInfo uri = request == null ? null : request.getUri();
        if (uri == null) {
            return null;
        }
        List<PathSegment> path = uri.getPathSegments();
        int last = path.size() - 1;
        if (last < 1 || !"login-actions".equals(path.get(last - 1).getPath())) {
            return null;
        }
        String parameter = TOKEN_PARAMETER_BY_ENDPOINT.get(path.get(last).getPath());
        List<String> values = parameter == null ? null : uri.getQueryParameters().get(parameter);
        return values == null || values.size() != 1 ? null : values.get(0);
    }
}
