package io.gatehouse.scim.protocol;

import io.gatehouse.activity.Activity;
import io.gatehouse.activity.ActivityLog;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Every write a directory makes is a Keycloak admin event: who (the directory, as the event's
 * user, with client {@value #CLIENT}), what (operation, resource, representation) and the result
 * (an error, if it was refused). It is also an entry of the organization's activity log. A refused
 * write is recorded in a transaction of its own, since the write's own transaction is rolled back.
 */
final class ScimAudit {

    static final String CLIENT = "gatehouse-scim";

    /** One write: what it did to which resource, and on whose behalf. */
    record Write(String directoryId, String directoryName, String orgId, OperationType operation, ResourceType resourceType,
                 String resourcePath, String ipAddress) {

        Activity activity(Activity.Outcome outcome, String reason) {
            String kind = "scim." + resourceType.name().toLowerCase(Locale.ROOT) + "." + operation.name().toLowerCase(Locale.ROOT);
            return Activity.of(kind, outcome, "SCIM directory '" + directoryName + "' (" + directoryId + ")", resourcePath, reason);
        }
    }

    /** The length of Keycloak's {@code ADMIN_EVENT_ENTITY.ERROR}: a longer reason would fail the event's commit. */
    private static final int MAX_EVENT_ERROR = 255;

    private ScimAudit() {
    }

    static void succeeded(KeycloakSession session, Write write, String representation) {
        send(session, session.getContext().getRealm(), event(session.getContext().getRealm(), write, representation, null));
        new ActivityLog(session).record(write.orgId(), write.activity(Activity.Outcome.SUCCESS, null));
    }

    static void refused(KeycloakSession session, Write write, String reason) {
        RealmModel realm = session.getContext().getRealm();
        AdminEvent event = event(realm, write, null, reason.length() > MAX_EVENT_ERROR ? reason.substring(0, MAX_EVENT_ERROR - 3) + "..." : reason);
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            RealmModel ownRealm = own.realms().getRealm(realm.getId());
            own.getContext().setRealm(ownRealm);
            send(own, ownRealm, event);
            new ActivityLog(own).record(write.orgId(), write.activity(Activity.Outcome.REFUSED, reason));
        });
    }

    private static AdminEvent event(RealmModel realm, Write write, String representation, String error) {
        AdminEvent event = new AdminEvent();
        event.setId(KeycloakModelUtils.generateId());
        event.setTime(Time.currentTimeMillis());
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        AuthDetails who = new AuthDetails();
        who.setRealmId(realm.getId());
        who.setRealmName(realm.getName());
        who.setClientId(CLIENT);
        who.setUserId(write.directoryId());
        who.setIpAddress(write.ipAddress());
        event.setAuthDetails(who);
        event.setOperationType(write.operation());
        event.setResourceType(write.resourceType());
        event.setResourcePath(write.resourcePath());
        event.setRepresentation(representation);
        event.setError(error);
        event.setDetails(Map.of("scim_directory", write.directoryId(), "org_id", write.orgId()));
        return event;
    }

    private static void send(KeycloakSession session, RealmModel realm, AdminEvent event) {
        boolean withRepresentation = realm.isAdminEventsDetailsEnabled();
        if (realm.isAdminEventsEnabled()) {
            session.getProvider(EventStoreProvider.class).onEvent(event, withRepresentation);
        }
        realm.getEventsListenersStream()
                .map(id -> session.getProvider(EventListenerProvider.class, id))
                .filter(Objects::nonNull)
                .forEach(listener -> listener.onEvent(event, withRepresentation));
    }
}
