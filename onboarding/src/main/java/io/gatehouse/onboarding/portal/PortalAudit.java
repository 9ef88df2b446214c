package io.gatehouse.onboarding.portal;

import io.gatehouse.activity.AbsentActorEvents;
import io.gatehouse.onboarding.PortalSession;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * What the customer's IT admin changes on the portal is a Keycloak admin event of the realm, as the
 * same change through the management API is. There is no admin token: the actor is the setup link
 * (client {@value #CLIENT}, details {@code setup_link} and {@code org_id}), and the link's own
 * creation event names the admin who handed it out. Never with a secret.
 */
final class PortalAudit {

    static final String CLIENT = "gatehouse-setup-portal";

    private final KeycloakSession session;
    private final PortalSession portal;

    PortalAudit(KeycloakSession session, PortalSession portal) {
        this.session = session;
        this.portal = portal;
    }

    void succeeded(OperationType operation, ResourceType resource, String path, Object representation) {
        RealmModel realm = session.getContext().getRealm();
        AuthDetails link = new AuthDetails();
        link.setRealmId(realm.getId());
        link.setRealmName(realm.getName());
        link.setClientId(CLIENT);
        link.setIpAddress(session.getContext().getConnection().getRemoteAddr());
        AbsentActorEvents.onBehalfOf(session, realm, link)
                .operation(operation).resource(resource)
                .resourcePath(path)
                .representation(representation)
                .detail("actor", "setup_link")
                .detail("setup_link", portal.linkId())
                .detail("org_id", portal.orgId())
                .success();
    }
}
