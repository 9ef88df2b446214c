package io.gatehouse.it.support;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

import java.util.List;
import java.util.Map;

/**
 * A second Keycloak realm playing the customer's IdP, over OIDC (client gatehouse-broker) and
 * SAML (a client whose id is the service provider's entity ID, signing assertions, NameID email).
 */
public final class CustomerIdpRealm implements RealmConfig {

    public static final String NAME = "customer";
    public static final String OIDC_CLIENT = "gatehouse-broker";
    public static final String OIDC_SECRET = "broker-secret-that-is-long-enough";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        String brokerEndpoints = "http://localhost:8080/realms/" + SsoRealm.NAME + "/broker/*";

        ClientRepresentation oidc = new ClientRepresentation();
        oidc.setClientId(OIDC_CLIENT);
        oidc.setSecret(OIDC_SECRET);
        oidc.setPublicClient(false);
        oidc.setStandardFlowEnabled(true);
        oidc.setRedirectUris(List.of(brokerEndpoints));

        ClientRepresentation saml = new ClientRepresentation();
        saml.setClientId("http://localhost:8080/realms/" + SsoRealm.NAME);
        saml.setProtocol("saml");
        saml.setRedirectUris(List.of(brokerEndpoints));
        saml.setAttributes(Map.of(
                "saml.assertion.signature", "true",
                "saml.server.signature", "true",
                "saml.client.signature", "false",
                "saml_force_name_id_format", "true",
                "saml_name_id_format", "email",
                "saml.authnstatement", "true"));

        return realm.name(NAME).clients(oidc, saml);
    }
}
