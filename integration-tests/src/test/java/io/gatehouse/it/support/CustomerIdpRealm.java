package io.gatehouse.it.support;

import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;

import java.util.HashMap;
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
    private static final String BROKER_ENDPOINTS = "http://localhost:8080/realms/" + SsoRealm.NAME + "/broker/*";

    @Override
    public RealmBuilder configure(RealmBuilder realm) {
        ClientRepresentation oidc = new ClientRepresentation();
        oidc.setClientId(OIDC_CLIENT);
        oidc.setSecret(OIDC_SECRET);
        oidc.setPublicClient(false);
        oidc.setStandardFlowEnabled(true);
        oidc.setRedirectUris(List.of(BROKER_ENDPOINTS));

        return realm.name(NAME).clients(oidc, samlClient("http://localhost:8080/realms/" + SsoRealm.NAME, Map.of()));
    }

    /**
     * The SAML app the customer registers for a service provider: its client ID is the SP entity
     * ID; it signs assertions and sends the email as NameID. {@code extra} adds or overrides attributes.
     */
    public static ClientRepresentation samlClient(String spEntityId, Map<String, String> extra) {
        ClientRepresentation saml = new ClientRepresentation();
        saml.setClientId(spEntityId);
        saml.setProtocol("saml");
        saml.setRedirectUris(List.of(BROKER_ENDPOINTS));
        Map<String, String> attributes = new HashMap<>(Map.of(
                "saml.assertion.signature", "true",
                "saml.server.signature", "true",
                "saml.client.signature", "false",
                "saml_force_name_id_format", "true",
                "saml_name_id_format", "email",
                "saml.authnstatement", "true"));
        attributes.putAll(extra);
        saml.setAttributes(attributes);
        return saml;
    }
}
