package io.gatehouse.onboarding;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import io.gatehouse.sso.GlobalEventListenerFactory;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** Every sign-in of a support account goes to its organization's activity log. */
public final class SupportAccountLogins extends GlobalEventListenerFactory {

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new EventListenerProvider() {
            @Override
            public void onEvent(Event event) {
                if (event.getType() != EventType.LOGIN || event.getUserId() == null) {
                    return;
                }
                UserModel user = session.users().getUserById(session.getContext().getRealm(), event.getUserId());
                if (user != null) {
                    SupportAccounts.orgOf(user).ifPresent(orgId -> new ActivityLog(session).record(orgId,
                            Activity.of("support_account.login", Activity.Outcome.SUCCESS, user.getUsername(), event.getClientId(),
                                    "from " + event.getIpAddress())));
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

    @Override
    public String getId() {
        return "gatehouse-support-account-logins";
    }
}
