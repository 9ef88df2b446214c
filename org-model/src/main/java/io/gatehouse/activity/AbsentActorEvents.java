package io.gatehouse.activity;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Keycloak admin events for changes made when no admin is calling: an invitee's promotion (on
 * behalf of the admin who sent the invitation) or what Gatehouse sets up itself at server start.
 * They go through Keycloak's own admin event builder, so they are stored when the realm records
 * admin events (with representations when it records their details) and reach the realm's admin
 * event listeners, as every admin event does.
 */
public final class AbsentActorEvents {

    /** The {@code actor} detail of an event Gatehouse made on its own. */
    public static final String GATEHOUSE = "gatehouse";

    private AbsentActorEvents() {
    }

    /** An event in {@code realm} whose actor is someone not calling now, as recorded when they acted. */
    public static AdminEventBuilder onBehalfOf(KeycloakSession session, RealmModel realm, AuthDetails actor) {
        AdminEvent event = new AdminEvent();
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        event.setAuthDetails(actor);
        return new Builder(realm, session, event);
    }

    /** An event in {@code realm} that Gatehouse made on its own: no user, no client, detail {@code actor=gatehouse}. */
    public static AdminEventBuilder byGatehouse(KeycloakSession session, RealmModel realm) {
        AuthDetails none = new AuthDetails();
        none.setRealmId(realm.getId());
        none.setRealmName(realm.getName());
        return onBehalfOf(session, realm, none).detail("actor", GATEHOUSE);
    }

    private static final class Builder extends AdminEventBuilder {

        private Builder(RealmModel realm, KeycloakSession session, AdminEvent prepared) {
            super(realm, null, session, null, prepared);
        }
    }
}
