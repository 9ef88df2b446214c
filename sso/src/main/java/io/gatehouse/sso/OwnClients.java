package io.gatehouse.sso;

import io.gatehouse.activity.AbsentActorEvents;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.services.managers.ClientManager;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The clients Gatehouse's own pages sign in with, created in a realm when first needed (at server
 * start, or on first use) as Keycloak's admin API creates clients, in a transaction of their own, so
 * that two nodes or two first requests at once make one client. Each creation is an admin event of
 * that realm made by Gatehouse itself.
 */
public final class OwnClients {

    private static final Logger LOG = Logger.getLogger(OwnClients.class);

    private OwnClients() {
    }

    /** Creates the client {@code clientId} in realm {@code realmName} from {@code client} unless it is there. */
    public static void ensure(KeycloakSession session, String realmName, String clientId, Supplier<ClientRepresentation> client) {
        RealmModel realm = session.realms().getRealmByName(realmName);
        if (realm == null || realm.getClientByClientId(clientId) != null) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
                RealmModel ownRealm = own.realms().getRealmByName(realmName);
                own.getContext().setRealm(ownRealm); // as in an admin request; a job at server start has none
                if (ownRealm.getClientByClientId(clientId) == null) {
                    ClientModel created = ClientManager.createClient(own, ownRealm, client.get());
                    AbsentActorEvents.byGatehouse(own, ownRealm).operation(OperationType.CREATE).resource(ResourceType.CLIENT)
                            .resourcePath("clients", created.getId())
                            .representation(Map.of("id", created.getId(), "clientId", clientId, "name", String.valueOf(created.getName())))
                            .success();
                    LOG.infof("Created client '%s' in realm '%s' for Gatehouse", clientId, realmName);
                }
            });
        } catch (ModelDuplicateException e) {
            LOG.debugf("Client '%s' in realm '%s' was created by a parallel request", clientId, realmName);
        }
    }
}
