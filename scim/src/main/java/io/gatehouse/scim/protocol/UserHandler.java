package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import org.jboss.logging.Logger;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * SCIM Users of one directory: the users it sees ({@link DirectoryScope}), the managed members of
 * its organization. Any other user, of another org, of none, or an unmanaged member of this one,
 * does not exist here (404), and a new user whose userName or email any of them holds is
 * refused as taken, in the same words as any other collision.
 */
final class UserHandler extends ResourceHandler<User> {

    private static final Logger LOG = Logger.getLogger(UserHandler.class);

    @Override
    public User createResource(User resource, Context context) {
        DirectoryScope scope = scope(context);
        String userName = UserNames.require(resource.getUserName().orElse(null));
        DomainCheck.require(userName, UserDocuments.primaryEmail(resource), scope.org());
        String username = checkedUsername(scope, resource, userName, null);
        User kept = UserDocuments.kept(resource);
        UserModel user = Persistence.write(scope.session(), ProfileCheck.TAKEN, () -> {
            UserModel created = scope.session().users().addUser(scope.realm(), username);
            UserDocuments.write(resource, kept, created);
            UserNames.keep(created, userName);
            UserEmails.write(Persistence.em(scope.session()), created.getId(), resource, true);
            if (resource.isActive().isEmpty()) {
                created.setEnabled(true);
            }
            scope.organizations().addManagedMember(scope.organization(), created);
            externalIds(scope).add(created.getId(), ExternalIds.USER, resource.getExternalId().orElse(null));
            return created;
        });
        LOG.debugf("Directory '%s' created user '%s'", scope.directoryId(), user.getId());
        User created = UserDocuments.read(kept, user, resource.getExternalId().orElse(null), context.getResourceReferenceUrl(user.getId()));
        DirectoryEvents.userCreated(scope, created);
        return created;
    }

    @Override
    public User getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes, Context context) {
        DirectoryScope scope = scope(context);
        UserModel user = scope.member(id);
        if (user == null) {
            throw ResourceIds.missing("user", id);
        }
        return UserDocuments.read(user, externalIds(scope).of(id), context.getResourceReferenceUrl(id));
    }

    @Override
    public PartialListResponse<User> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                   SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                   List<SchemaAttribute> excludedAttributes, Context context) {
        DirectoryScope scope = scope(context);
        MemberQuery.Page page = new MemberQuery(scope).users(filter, sortBy, sortOrder, startIndex, count);
        Map<String, String> externalIds = externalIds(scope).of(page.ids());
        List<User> users = page.ids().stream()
                .map(id -> scope.session().users().getUserById(scope.realm(), id))
                .filter(Objects::nonNull)
                .map(user -> UserDocuments.read(user, externalIds.get(user.getId()), context.getResourceReferenceUrl(user.getId())))
                .toList();
        return PartialListResponse.<User>builder().resources(users).totalResults(page.total()).build();
    }

    @Override
    public User updateResource(User resource, Context context) {
        DirectoryScope scope = scope(context);
        String id = resource.getId().orElseThrow(() -> new BadRequestException("The user's id is missing.", ScimType.RFC7644.INVALID_VALUE));
        UserModel user = scope.member(id);
        if (user == null) {
            throw ResourceIds.missing("user", id);
        }
        String userName = UserNames.require(resource.getUserName().orElseGet(() -> UserDocuments.userName(user)));
        DomainCheck.require(userName, UserDocuments.primaryEmail(resource), scope.org());
        String username = checkedUsername(scope, resource, userName, user);
        boolean wasEnabled = user.isEnabled();
        User before = UserDocuments.read(user, externalIds(scope).of(id), context.getResourceReferenceUrl(id));
        User kept = UserDocuments.kept(resource);
        Persistence.write(scope.session(), ProfileCheck.TAKEN, () -> {
            if (!username.equals(user.getUsername())) {
                user.setUsername(username);
            }
            UserDocuments.write(resource, kept, user);
            UserNames.keep(user, userName);
            UserEmails.write(Persistence.em(scope.session()), id, resource, false);
            externalIds(scope).set(id, ExternalIds.USER, resource.getExternalId().orElse(null));
            return user;
        });
        if (wasEnabled && !user.isEnabled()) {
            Deactivation.endSessions(scope.session(), scope.realm(), user);
        }
        User after = UserDocuments.read(kept, user, resource.getExternalId().orElse(null), context.getResourceReferenceUrl(id));
        DirectoryEvents.userChanged(scope, before, after);
        return after;
    }

    @Override
    public void deleteResource(String id, Context context) {
        DirectoryScope scope = scope(context);
        UserModel user = scope.member(id);
        if (user == null) {
            throw ResourceIds.missing("user", id);
        }
        User before = UserDocuments.read(user, externalIds(scope).of(id), context.getResourceReferenceUrl(id));
        if (scope.org().policies().scimDeleteDeactivates()) {
            boolean wasEnabled = user.isEnabled();
            user.setEnabled(false);
            if (wasEnabled) {
                DirectoryEvents.userActivation(scope, UserDocuments.read(user, externalIds(scope).of(id), context.getResourceReferenceUrl(id)), false);
            }
            Deactivation.endSessions(scope.session(), scope.realm(), user);
            LOG.debugf("Directory '%s' deactivated user '%s' instead of deleting it (org policy)", scope.directoryId(), id);
            return;
        }
        scope.session().users().removeUser(scope.realm(), user);
        DirectoryEvents.userDeleted(scope, before);
    }

    /**
     * The Keycloak username for {@code userName}, checked by the realm's user profile: the email
     * itself, or, when it is no email or Keycloak's username rules refuse its characters, the
     * derived one ({@link UserNames}).
     */
    private static String checkedUsername(DirectoryScope scope, User resource, String userName, UserModel existing) {
        UserNames names = new UserNames(scope);
        String username = names.keycloakUsername(userName);
        try {
            return checked(scope, resource, username, existing);
        } catch (ProfileCheck.UsernameCharactersRefused refused) {
            String derived = names.derived(userName);
            if (derived.equals(username)) {
                throw refused;
            }
            return checked(scope, resource, derived, existing);
        }
    }

    private static String checked(DirectoryScope scope, User resource, String username, UserModel existing) {
        boolean renamed = existing != null && !username.equals(existing.getUsername());
        if (renamed) {
            ProfileCheck.requireUsername(scope.session(), username);
        }
        ProfileCheck.require(scope.session(), UserDocuments.profileAttributes(resource, renamed ? existing.getUsername() : username), existing);
        return username;
    }

    private static ExternalIds externalIds(DirectoryScope scope) {
        return new ExternalIds(Persistence.em(scope.session()), scope.directoryId());
    }

    static DirectoryScope scope(Context context) {
        return (DirectoryScope) context.getAuthorization();
    }
}
