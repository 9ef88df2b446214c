package io.gatehouse.sso.policy;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.events.JoinedBy;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.sso.GlobalEventListenerFactory;
import org.jboss.logging.Logger;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Set;

/**
 * {@code autoJoinByDomain}: a user who signs in or registers without SSO, with a verified email
 * in an organization's domains, joins that organization, but only where the org turned this on
 * (it is off by default, because it bypasses the roles and groups SSO assigns).
 */
public final class AutoJoinByDomain extends GlobalEventListenerFactory {

    private static final Logger LOG = Logger.getLogger(AutoJoinByDomain.class);
    private static final Set<EventType> SIGN_INS = Set.of(EventType.LOGIN, EventType.REGISTER);

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (SIGN_INS.contains(event.getType()) && event.getUserId() != null) {
                    join(session, session.users().getUserById(session.getContext().getRealm(), event.getUserId()));
                }
            }

            @Override
            public void onEvent(AdminEvent event, boolean includeRepresentation) {
            }

            @Override
            public void close() {
            }
        };
    }

    private static void join(KeycloakSession session, UserModel user) {
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        if (user == null || !user.isEmailVerified() || user.getEmail() == null || organizations == null || !organizations.isEnabled()) {
            return;
        }
        String domain = user.getEmail().substring(user.getEmail().lastIndexOf('@') + 1);
        OrganizationModel org;
        try {
            org = organizations.getByDomainName(domain);
        } catch (RuntimeException e) {
            return; // not a domain Keycloak can look up
        }
        if (org == null || org.isMember(user)) {
            return;
        }
        session.getProvider(GatehouseOrganizations.class).find(org.getId())
                .filter(o -> o.policies().autoJoinByDomain())
                .filter(o -> EmailDomainPolicy.judge(user.getEmail(), o) == EmailDomainPolicy.Verdict.ALLOWED)
                .ifPresent(o -> {
                    JoinedBy.during(session, JoinedBy.AUTO_JOIN, () -> organizations.addMember(org, user));
                    LOG.infof("User '%s' joined organization '%s' by email domain", user.getUsername(), org.getAlias());
                });
    }

    @Override
    public String getId() {
        return "gatehouse-auto-join-by-domain";
    }
}
