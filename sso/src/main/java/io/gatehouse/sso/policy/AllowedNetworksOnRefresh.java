package io.gatehouse.sso.policy;

import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.ClientPolicyException;
import org.keycloak.services.clientpolicy.context.TokenRefreshResponseContext;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code allowedNetworks} on token refresh, which runs no authentication flow: a client-policy
 * executor on Keycloak's TOKEN_REFRESH_RESPONSE event, after Keycloak has checked the refresh token
 * and its session. It checks the address the session signed in from (so a tighter allow list also
 * ends sessions begun outside it) and, for a public client, the address of the refresh itself: that
 * is the person's device. A confidential client refreshes from the app's own server, whose address
 * says nothing about where the person is.
 */
final class AllowedNetworksOnRefresh implements ClientPolicyExecutorProvider<ClientPolicyExecutorConfigurationRepresentation> {

    private static final Logger LOG = Logger.getLogger(AllowedNetworksOnRefresh.class);

    private final KeycloakSession session;

    AllowedNetworksOnRefresh(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) throws ClientPolicyException {
        if (context.getEvent() != ClientPolicyEvent.TOKEN_REFRESH_RESPONSE) {
            return;
        }
        AuthenticatedClientSessionModel clientSession = ((TokenRefreshResponseContext) context).getClientSession();
        UserSessionModel userSession = clientSession.getUserSession();
        List<String> addresses = new ArrayList<>();
        addresses.add(userSession.getIpAddress());
        if (clientSession.getClient().isPublicClient()) {
            addresses.add(session.getContext().getConnection().getRemoteAddr());
        }
        for (String address : addresses) {
            Optional<String> refusing = SignInNetworks.refusingOrg(session, userSession.getUser(), null, address);
            if (refusing.isPresent()) {
                LOG.infof("Token refresh of '%s' (client '%s') refused: %s is outside the allowed networks of organization '%s'",
                        userSession.getUser().getUsername(), clientSession.getClient().getClientId(), address, refusing.get());
                throw new ClientPolicyException(OAuthErrorException.INVALID_GRANT, AllowedNetworksAuthenticator.SENTENCE);
            }
        }
    }

    @Override
    public String getProviderId() {
        return AllowedNetworksOnRefreshFactory.ID;
    }
}
