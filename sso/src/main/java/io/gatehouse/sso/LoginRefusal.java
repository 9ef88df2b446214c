package io.gatehouse.sso;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;

/**
 * Ends a brokered login that failed the organization check: a login error event naming the
 * connection, the organization and the reason, and a themed page that names neither other
 * organizations nor the allowed domains.
 */
final class LoginRefusal {

    static final String EVENT_ERROR = "gatehouse_domain_not_allowed";
    static final String DETAIL_ORG = "org_id";

    private static final Logger LOG = Logger.getLogger(LoginRefusal.class);

    private LoginRefusal() {
    }

    static WebApplicationException refuse(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context,
                                          String orgId, String reason, String messageKey) {
        String alias = context.getIdpConfig().getAlias();
        LOG.warnf("Refused brokered login of '%s' through connection '%s' of organization '%s': %s",
                context.getUsername(), alias, orgId, reason);
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.IDENTITY_PROVIDER_LOGIN)
                .detail(Details.IDENTITY_PROVIDER, alias)
                .detail(Details.IDENTITY_PROVIDER_USERNAME, context.getUsername())
                .detail(DETAIL_ORG, orgId)
                .detail(Details.REASON, reason);
        if (context.getAuthenticationSession() != null) {
            event.client(context.getAuthenticationSession().getClient());
        }
        event.error(EVENT_ERROR);
        return new WebApplicationException(ErrorPage.error(session, context.getAuthenticationSession(),
                Response.Status.FORBIDDEN, messageKey));
    }
}
