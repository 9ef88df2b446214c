package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import io.gatehouse.org.Org;
import io.gatehouse.scim.persistence.ScimDirectoryEntity;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Map;
import java.util.Set;

/**
 * Who is asking and what they may see: one directory of one organization. The SCIM engine hands
 * it to our resource handlers with every request; the caller was authenticated before the engine
 * saw the request.
 */
final class DirectoryScope implements Authorization {

    private final KeycloakSession session;
    private final ScimDirectoryEntity directory;
    private final Org org;
    private final OrganizationModel organization;

    DirectoryScope(KeycloakSession session, ScimDirectoryEntity directory, Org org, OrganizationModel organization) {
        this.session = session;
        this.directory = directory;
        this.org = org;
        this.organization = organization;
    }

    KeycloakSession session() {
        return session;
    }

    RealmModel realm() {
        return session.getContext().getRealm();
    }

    ScimDirectoryEntity directory() {
        return directory;
    }

    String directoryId() {
        return directory.getId();
    }

    Org org() {
        return org;
    }

    OrganizationModel organization() {
        return organization;
    }

    OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    /** The hidden group whose members are the organization's members. */
    GroupModel membersGroup() {
        return organizations().getOrganizationGroup(organization);
    }

    @Override
    public String getClientId() {
        return "scim-directory:" + directory.getId();
    }

    @Override
    public Set<String> getClientRoles() {
        return Set.of();
    }

    @Override
    public boolean authenticate(Map<String, String> httpHeaders, Map<String, String> queryParams) {
        return true;
    }
}
