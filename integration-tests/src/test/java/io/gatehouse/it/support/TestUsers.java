package io.gatehouse.it.support;

import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import java.util.List;

/** Creates people with a password in a realm, as an admin (or the customer's IdP admin) would. */
public final class TestUsers {

    private TestUsers() {
    }

    /** @param email null for a user without an email address */
    public static void create(RealmResource realm, String username, String email, boolean emailVerified, String password) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(emailVerified);
        user.setFirstName("Test");
        user.setLastName(username);
        user.setEnabled(true);
        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType("password");
        credential.setValue(password);
        credential.setTemporary(false);
        user.setCredentials(List.of(credential));
        try (Response response = realm.users().create(user)) {
            if (response.getStatus() != 201) {
                throw new IllegalStateException("Could not create user " + username + ": " + response.getStatus());
            }
        }
    }
}
