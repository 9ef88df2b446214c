package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.server.endpoints.authorize.Authorization;
import io.gatehouse.org.Org;
import io.gatehouse.scim.persistence.ScimDirectoryEntity;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.representations.idm.MembershipType;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who is asking and what they may see: one directory of one organization. The SCIM engine hands
 * it to our resource handlers with every request; the caller was authenticated before the engine
 * saw the request.
 * <p>
 * A directory sees, as users and as group members, only the organization's <em>managed</em>
 * members: those its directories created and those its connections brought in (Keycloak makes
 * both managed members). An unmanaged member, such as the vendor's support account, an admin who
 * joined with a password or a user who joined by email domain, belongs to the organization but
 * not to its directory: to a directory, that user does not exist. Otherwise a directory could
 * rewrite the support account's email and take it over with "Forgot password".
 */
final class DirectoryScope implements Authorization {

    /** The parameter {@link #managedMembership} names; {@link MemberQuery} and {@link #member} bind it. */
    static final String MEMBERS_GROUP = "membersGroup";

    private final KeycloakSession session;
    private final ScimDirectoryEntity directory;
    private final Org org;
    private final OrganizationModel organization;
    private byte[] userNameKey;
    private final Map<String, Set<String>> membersRead = new HashMap<>();
    private IdPaging idPaging;

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

    /** The organization's key for derived usernames ({@link OrganizationKeys}), read once per request. */
    byte[] userNameKey() {
        if (userNameKey == null) {
            userNameKey = OrganizationKeys.of(session, org.id());
        }
        return userNameKey;
    }

    /** Notes the members of a group as this request read them, so a change of the group can apply only what it changed. */
    void readMembers(String groupId, Set<String> memberIds) {
        membersRead.put(groupId, Set.copyOf(memberIds));
    }

    /** The members of a group as this request read them, if it did. */
    Optional<Set<String>> membersRead(String groupId) {
        return Optional.ofNullable(membersRead.get(groupId));
    }

    /** This list request pages by id ({@link IdPaging}) rather than by index. */
    void pageById(IdPaging paging) {
        idPaging = paging;
    }

    Optional<IdPaging> idPaging() {
        return Optional.ofNullable(idPaging);
    }

    /** The hidden group whose members are the organization's members. */
    GroupModel membersGroup() {
        return organizations().getOrganizationGroup(organization);
    }

    /**
     * JPQL: the {@code UserGroupMembershipEntity} {@code membership} makes its user one the
     * directory may see. Binds {@value #MEMBERS_GROUP}. A condition of the query, so the database
     * filters and counts, and no user is looked up one by one.
     */
    static String managedMembership(String membership) {
        return membership + ".groupId = :" + MEMBERS_GROUP + " and " + membership + ".membershipType = '" + MembershipType.MANAGED.name() + "'";
    }

    /** The user, if the directory may see it; null for any other id, as for one that does not exist. */
    UserModel member(String id) {
        long visible = Persistence.em(session).createQuery("select count(m) from UserGroupMembershipEntity m where m.user.id = :id and "
                        + managedMembership("m"), Long.class)
                .setParameter("id", id)
                .setParameter(MEMBERS_GROUP, membersGroup().getId())
                .getSingleResult();
        return visible == 0 ? null : session.users().getUserById(realm(), id);
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
