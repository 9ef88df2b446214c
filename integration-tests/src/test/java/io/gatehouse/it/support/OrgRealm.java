package io.gatehouse.it.support;

import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

/** A realm with Keycloak's organizations turned on, as the realm template ships it. */
public final class OrgRealm implements RealmConfig {

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        return realm.organizationsEnabled(true).adminEventsEnabled(true);
    }
}
