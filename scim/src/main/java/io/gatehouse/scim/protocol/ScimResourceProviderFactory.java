package io.gatehouse.scim.protocol;

import org.keycloak.Config;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/**
 * Serves the organizations' SCIM directories under {@code /realms/{realm}/gatehouse-scim}.
 * Options ({@code --spi-realm-restapi-extension--gatehouse-scim--...}): {@code max-results}, the
 * largest page (default {@value #DEFAULT_MAX_RESULTS}), and {@code max-request-bytes}, the largest
 * request body (default {@value #DEFAULT_MAX_REQUEST_BYTES}; larger answers 413).
 */
public final class ScimResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "gatehouse-scim";
    static final int DEFAULT_MAX_RESULTS = 200;
    static final long DEFAULT_MAX_REQUEST_BYTES = 1_048_576;

    private ScimEngine engine;
    private long maxRequestBytes;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        ScimResource resource = new ScimResource(session, engine, maxRequestBytes);
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return resource;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
        engine = new ScimEngine(config.getInt("max-results", DEFAULT_MAX_RESULTS));
        maxRequestBytes = config.getLong("max-request-bytes", DEFAULT_MAX_REQUEST_BYTES);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(ScimResourceProviderFactory::forgetDeleted);
    }

    /** A user or group deleted by any means takes its externalIds with it. */
    private static void forgetDeleted(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            ExternalIds.forget(Persistence.em(removed.getKeycloakSession()), removed.getUser().getId());
        } else if (event instanceof GroupModel.GroupRemovedEvent removed) {
            ExternalIds.forget(Persistence.em(removed.getKeycloakSession()), removed.getGroup().getId());
        }
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
