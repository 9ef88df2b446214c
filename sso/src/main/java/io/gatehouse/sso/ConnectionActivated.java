package io.gatehouse.sso;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderEvent;

/**
 * A connection became active, announced inside the transaction that activated it, so that a module
 * above sso (onboarding's SSO notice) can act on it without sso calling up.
 *
 * @param fromDraft   its first activation (a draft's first passing test), not a restart of a stopped one
 * @param onlyActive  no other connection of its organization signs people in
 * @param actor       who activated it, as the activity log names them
 */
public record ConnectionActivated(KeycloakSession session, IdentityProviderModel connection, boolean fromDraft, boolean onlyActive,
                                  String actor) implements ProviderEvent {

    /** Whether the organization's members now can sign in with SSO for the first time: the moment to tell them. */
    public boolean ssoArrived() {
        return fromDraft && onlyActive;
    }

    @Override
    public KeycloakSession getKeycloakSession() {
        return session;
    }
}
