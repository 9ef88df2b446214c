package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.AttributeNames;
import de.captaingoldfish.scim.sdk.common.constants.ResourceTypeNames;
import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Member;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import de.captaingoldfish.scim.sdk.server.endpoints.ResourceHandler;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import de.captaingoldfish.scim.sdk.server.response.PartialListResponse;
import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * SCIM Groups of one directory: the organization's own Keycloak organization groups. Their
 * members, as a directory reads and writes them, are the users it sees ({@link DirectoryScope}).
 */
final class GroupHandler extends ResourceHandler<Group> {

    private static final int MAX_NAME = 255;

    @Override
    public Group createResource(Group resource, Context context) {
        DirectoryScope scope = UserHandler.scope(context);
        String name = displayName(resource);
        Set<UserModel> members = members(scope, resource);
        GroupModel group = Persistence.write(scope.session(), taken(name), () -> {
            GroupModel created = scope.organizations().createGroup(scope.organization(), name, null);
            inOrganization(scope, () -> members.forEach(user -> user.joinGroup(created)));
            externalIds(scope).add(created.getId(), ExternalIds.GROUP, resource.getExternalId().orElse(null));
            return created;
        });
        Group created = read(scope, group, resource.getExternalId().orElse(null), true, context);
        DirectoryEvents.groupCreated(scope, created, members);
        return created;
    }

    @Override
    public Group getResource(String id, List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes, Context context) {
        DirectoryScope scope = UserHandler.scope(context);
        return group(scope, id).map(g -> read(scope, g, externalIds(scope).of(id), wantsMembers(attributes, excludedAttributes), context))
                .orElseThrow(() -> ResourceIds.missing("group", id));
    }

    @Override
    public PartialListResponse<Group> listResources(long startIndex, int count, FilterNode filter, SchemaAttribute sortBy,
                                                    SortOrder sortOrder, List<SchemaAttribute> attributes,
                                                    List<SchemaAttribute> excludedAttributes, Context context) {
        DirectoryScope scope = UserHandler.scope(context);
        MemberQuery.Page page = new MemberQuery(scope).groups(filter, sortBy, sortOrder, startIndex, count);
        Map<String, String> externalIds = externalIds(scope).of(page.ids());
        boolean withMembers = wantsMembers(attributes, excludedAttributes);
        List<Group> groups = page.ids().stream()
                .map(id -> scope.session().groups().getGroupById(scope.realm(), id))
                .filter(Objects::nonNull)
                .map(g -> read(scope, g, externalIds.get(g.getId()), withMembers, context))
                .toList();
        return PartialListResponse.<Group>builder().resources(groups).totalResults(page.total()).build();
    }

    @Override
    public Group updateResource(Group resource, Context context) {
        DirectoryScope scope = UserHandler.scope(context);
        String id = resource.getId().orElseThrow(() -> new BadRequestException("The group's id is missing.", ScimType.RFC7644.INVALID_VALUE));
        GroupModel group = group(scope, id).orElseThrow(() -> ResourceIds.missing("group", id));
        String name = displayName(resource);
        Set<UserModel> wanted = members(scope, resource);
        Set<String> wantedIds = wanted.stream().map(UserModel::getId).collect(Collectors.toSet());
        Group was = read(scope, group, externalIds(scope).of(id), false, context);
        List<UserModel> removed = new ArrayList<>();
        List<UserModel> added = new ArrayList<>();
        Persistence.write(scope.session(), taken(name), () -> {
            boolean renamed = !name.equals(group.getName());
            if (renamed) {
                group.setName(name);
            }
            inOrganization(scope, () -> {
                // only members the directory sees can leave: an unmanaged member someone else put in the group stays
                Set<String> currentIds = new MemberQuery(scope).groupMembers(id).stream().map(MemberQuery.GroupMember::id)
                        .collect(Collectors.toSet());
                // a PATCH changed the members this request read: only what it changed is applied, so a member another
                // request added or removed meanwhile stays so; a PUT that read nothing sets the members exactly
                Set<String> before = scope.membersRead(id).orElse(currentIds);
                List<UserModel> leaving = before.stream().filter(member -> !wantedIds.contains(member) && currentIds.contains(member))
                        .map(member -> scope.session().users().getUserById(scope.realm(), member))
                        .filter(Objects::nonNull)
                        .toList();
                List<UserModel> joining = wanted.stream().filter(user -> !before.contains(user.getId()) && !currentIds.contains(user.getId()))
                        .toList();
                leaving.forEach(user -> user.leaveGroup(group));
                joining.forEach(user -> user.joinGroup(group));
                removed.addAll(leaving);
                added.addAll(joining);
                if (renamed || !leaving.isEmpty() || !joining.isEmpty()) {
                    // Keycloak stamps neither a rename nor a membership change, and the members are part of a SCIM group
                    group.setLastModifiedTimestamp(System.currentTimeMillis());
                }
            });
            externalIds(scope).set(id, ExternalIds.GROUP, resource.getExternalId().orElse(null));
            return group;
        });
        Group after = read(scope, group, resource.getExternalId().orElse(null), true, context);
        DirectoryEvents.groupChanged(scope, was, after, added, removed);
        return after;
    }

    @Override
    public void deleteResource(String id, Context context) {
        DirectoryScope scope = UserHandler.scope(context);
        GroupModel group = group(scope, id).orElseThrow(() -> ResourceIds.missing("group", id));
        if (new MemberQuery(scope).hasHiddenMembers(id)) {
            // deleting it would take away memberships the directory never gave, such as an invited admin's role
            throw new ConflictException("Group '" + group.getName() + "' also holds members this directory does not manage, so it is not deleted.");
        }
        Group before = read(scope, group, externalIds(scope).of(id), false, context);
        inOrganization(scope, () -> scope.session().groups().removeGroup(scope.realm(), group));
        DirectoryEvents.groupDeleted(scope, before);
    }

    /** The group, if it is one of the directory's organization's own groups. */
    private static Optional<GroupModel> group(DirectoryScope scope, String id) {
        long owned = Persistence.em(scope.session()).createQuery(
                        "select count(g) from GroupEntity g where g.id = :id and g.organization.id = :orgId and g.id <> :membersGroup", Long.class)
                .setParameter("id", id)
                .setParameter("orgId", scope.organization().getId())
                .setParameter("membersGroup", scope.membersGroup().getId())
                .getSingleResult();
        return owned == 0 ? Optional.empty() : Optional.ofNullable(scope.session().groups().getGroupById(scope.realm(), id));
    }

    private static Group read(DirectoryScope scope, GroupModel group, String externalId, boolean withMembers, Context context) {
        Group scim = Group.builder()
                .id(group.getId())
                .displayName(group.getName())
                .externalId(externalId)
                .build();
        if (withMembers) {
            List<MemberQuery.GroupMember> members = new MemberQuery(scope).groupMembers(group.getId());
            scope.readMembers(group.getId(), members.stream().map(MemberQuery.GroupMember::id).collect(Collectors.toSet()));
            scim.setMembers(members.stream()
                    .map(user -> Member.builder().value(user.id()).display(user.userName()).type(ResourceTypeNames.USER)
                            .ref(context.getCrossResourceReferenceUrl(user.id(), ResourceTypeNames.USER).orElse(null))
                            .build())
                    .toList());
        }
        Instant created = Instant.ofEpochMilli(Optional.ofNullable(group.getCreatedTimestamp()).orElse(0L));
        scim.setMeta(Meta.builder()
                .resourceType(ResourceTypeNames.GROUPS)
                .created(created)
                .lastModified(Optional.ofNullable(group.getLastModifiedTimestamp()).map(Instant::ofEpochMilli).orElse(created))
                .location(context.getResourceReferenceUrl(group.getId()))
                .build());
        return scim;
    }

    private static String displayName(Group resource) {
        String name = resource.getDisplayName().map(String::strip).orElse("");
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw new BadRequestException("A group needs a displayName of 1 to " + MAX_NAME + " characters.", ScimType.RFC7644.INVALID_VALUE);
        }
        return name;
    }

    /** The users a request names as members; each must be a user the directory sees. */
    private static Set<UserModel> members(DirectoryScope scope, Group resource) {
        Set<UserModel> members = new LinkedHashSet<>();
        for (Member member : resource.getMembers()) {
            String id = member.getValue().orElseThrow(() -> new BadRequestException("A member needs a value (the user's id).",
                    ScimType.RFC7644.INVALID_VALUE));
            UserModel user = scope.member(id);
            if (user == null) {
                throw new BadRequestException("Member '" + id + "' is not a user of this directory.", ScimType.RFC7644.INVALID_VALUE);
            }
            members.add(user);
        }
        return members;
    }

    private static boolean wantsMembers(List<SchemaAttribute> attributes, List<SchemaAttribute> excludedAttributes) {
        if (excludedAttributes != null && excludedAttributes.stream().anyMatch(a -> AttributeNames.RFC7643.MEMBERS.equals(a.getName()))) {
            return false;
        }
        return attributes == null || attributes.isEmpty()
                || attributes.stream().anyMatch(a -> AttributeNames.RFC7643.MEMBERS.equals(a.getName()));
    }

    /** Keycloak changes an organization's groups only while that organization is the session's. */
    private static void inOrganization(DirectoryScope scope, Runnable change) {
        OrganizationModel previous = scope.session().getContext().getOrganization();
        scope.session().getContext().setOrganization(scope.organization());
        try {
            change.run();
        } finally {
            scope.session().getContext().setOrganization(previous);
        }
    }

    private static ExternalIds externalIds(DirectoryScope scope) {
        return new ExternalIds(Persistence.em(scope.session()), scope.directoryId());
    }

    private static String taken(String name) {
        return "The organization already has a group named '" + name + "'.";
    }
}
