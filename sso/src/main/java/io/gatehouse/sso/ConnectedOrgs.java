package io.gatehouse.sso;

import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The organizations a person came in through, whose domains their email is held to for good: the
 * organizations of the org-linked identity providers their account is linked to, and those they are
 * a managed member of (Keycloak makes a member managed when an org's connection or directory created it).
 * During the first broker login the account does not exist yet; then it is the organization of the
 * identity provider the login came through, as the server recorded it in the authentication session.
 */
final class ConnectedOrgs {

    private ConnectedOrgs() {
    }

    /** A login under review whose identity provider the server cannot tell; the caller refuses. */
    static final class Undecidable extends Exception {
        Undecidable(String reason) {
            super(reason, null, false, false);
        }
    }

    static Set<String> ofReviewedLogin(KeycloakSession session, UserModel reviewed) throws Undecidable {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        SerializedBrokeredIdentityContext brokered = authSession == null ? null
                : SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE);
        if (brokered == null && reviewed instanceof SerializedBrokeredIdentityContext fromForm) {
            brokered = fromForm;
        }
        if (brokered == null || brokered.getIdentityProviderId() == null) {
            throw new Undecidable("no brokered login in the authentication session");
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(brokered.getIdentityProviderId());
        if (idp == null) {
            throw new Undecidable("identity provider '" + brokered.getIdentityProviderId() + "' is gone");
        }
        return idp.getOrganizationId() == null ? Set.of() : Set.of(idp.getOrganizationId());
    }

    static Set<String> ofUser(KeycloakSession session, UserModel user) {
        RealmModel realm = session.getContext().getRealm();
        Stream<String> viaLinks = session.users().getFederatedIdentitiesStream(realm, user)
                .map(FederatedIdentityModel::getIdentityProvider)
                .map(alias -> session.identityProviders().getByAlias(alias))
                .filter(Objects::nonNull)
                .map(IdentityProviderModel::getOrganizationId)
                .filter(Objects::nonNull);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        Stream<String> viaManagedMembership = organizations == null || !organizations.isEnabled() ? Stream.empty()
                : organizations.getByMember(user).filter(org -> org.isManaged(user)).map(OrganizationModel::getId);
        return Stream.concat(viaLinks, viaManagedMembership).collect(Collectors.toUnmodifiableSet());
    }
}
