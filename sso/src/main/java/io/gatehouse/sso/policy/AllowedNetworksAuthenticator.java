package io.gatehouse.sso.policy;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.PostBrokerLoginConstants;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Optional;

/**
 * {@code allowedNetworks} in the login flows: a sign-in (password, OTP, an SSO session cookie, a
 * direct grant, a first or later brokered login) goes on only from the networks of the
 * organizations it concerns. The page and the answer name neither the ranges nor the address.
 */
final class AllowedNetworksAuthenticator implements Authenticator {

    static final String MESSAGE = "gatehouseNetworkNotAllowed";
    static final String REASON = "network_not_allowed";
    static final String SENTENCE = "Your organization does not allow sign-in from this network.";
    private static final Logger LOG = Logger.getLogger(AllowedNetworksAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        String remoteAddr = context.getConnection().getRemoteAddr();
        Optional<String> refusing = SignInNetworks.refusingOrg(context.getSession(), user,
                connectionOrg(context.getSession(), context.getAuthenticationSession()), remoteAddr);
        if (refusing.isEmpty()) {
            context.success();
            return;
        }
        LOG.infof("Sign-in of '%s' from %s refused: outside the allowed networks of organization '%s'",
                user == null ? "a brokered identity" : user.getUsername(), remoteAddr, refusing.get());
        FlowRefusal.refuse(context, user, refusing.get(), REASON, MESSAGE, SENTENCE);
    }

    /** The organization of the connection a brokered login came through, in the first or the post broker login flow. */
    private static String connectionOrg(KeycloakSession session, AuthenticationSessionModel authSession) {
        SerializedBrokeredIdentityContext brokered = Optional
                .ofNullable(SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, AbstractIdpAuthenticator.BROKERED_CONTEXT_NOTE))
                .orElseGet(() -> SerializedBrokeredIdentityContext.readFromAuthenticationSession(authSession, PostBrokerLoginConstants.PBL_BROKERED_IDENTITY_CONTEXT));
        if (brokered == null || brokered.getIdentityProviderId() == null) {
            return null;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(brokered.getIdentityProviderId());
        return idp == null ? null : idp.getOrganizationId();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false; // the first broker login checks the connection's organization before there is a user
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
