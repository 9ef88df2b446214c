package io.gatehouse.it.support;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.IdentityProviderRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

import java.util.List;

/** The service provider's realm: organizations on, login events stored, and an app to sign in to. */
public final class SsoRealm implements RealmConfig {

    public static final String NAME = "sso";
    public static final String APP = "app";
    /** The "Sign in with SSO" button, as the realm templates configure it. */
    public static final String DISCOVERY = "sso";
    public static final String APP_REDIRECT = "https://app.example.test/callback";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId(APP);
        app.setPublicClient(true);
        app.setStandardFlowEnabled(true);
        app.setRedirectUris(List.of(APP_REDIRECT));
        app.setOptionalClientScopes(List.of("organization"));
        IdentityProviderRepresentation discovery = new IdentityProviderRepresentation();
        discovery.setAlias(DISCOVERY);
        discovery.setProviderId("gatehouse-sso");
        discovery.setDisplayName("Sign in with SSO");
        discovery.setEnabled(true);
        return realm.name(NAME).identityProviders(discovery).organizationsEnabled(true).eventsEnabled(true).adminEventsEnabled(true).clients(app);
    }
}
