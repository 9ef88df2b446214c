package io.gatehouse.scim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.captaingoldfish.scim.sdk.common.resources.Group;
import de.captaingoldfish.scim.sdk.common.resources.User;
import io.gatehouse.events.ChangedFields;
import io.gatehouse.events.EventStream;
import io.gatehouse.events.EventTypes;
import org.keycloak.models.UserModel;
import org.keycloak.util.JsonSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.Set;

/**
 * {@code directory.user.*} and {@code directory.group.*}: what a directory's write changed, recorded in
 * the write's transaction. {@code data} is the resource as the directory reads it back (never a
 * password: {@link UserDocuments#kept} drops it), with the directory's id. A change of {@code active}
 * is a deactivation or reactivation; a change of anything else an update; a group's members are
 * {@code user_added} and {@code user_removed}, one per user.
 */
final class DirectoryEvents {

    /** Bookkeeping, and what has events of its own. */
    private static final Set<String> NOT_UPDATES = Set.of("meta", "active", "members");

    private DirectoryEvents() {
    }

    static void userCreated(DirectoryScope scope, User user) {
        record(scope, EventTypes.DIRECTORY_USER_CREATED, data(scope, user));
    }

    static void userChanged(DirectoryScope scope, User before, User after) {
        ObjectNode was = data(scope, before);
        ObjectNode now = data(scope, after);
        Set<String> changed = ChangedFields.between(was, now, NOT_UPDATES);
        if (!changed.isEmpty()) {
            record(scope, EventTypes.DIRECTORY_USER_UPDATED, ChangedFields.data(now, changed));
        }
        boolean wasActive = was.path("active").asBoolean(true);
        boolean active = now.path("active").asBoolean(true);
        if (wasActive != active) {
            userActivation(scope, after, active);
        }
    }

    /** The one place that tells deactivation from reactivation. */
    static void userActivation(DirectoryScope scope, User user, boolean active) {
        record(scope, active ? EventTypes.DIRECTORY_USER_REACTIVATED : EventTypes.DIRECTORY_USER_DEACTIVATED, data(scope, user));
    }

    static void userDeleted(DirectoryScope scope, User before) {
        record(scope, EventTypes.DIRECTORY_USER_DELETED, data(scope, before));
    }

    static void groupCreated(DirectoryScope scope, Group group, Collection<UserModel> members) {
        record(scope, EventTypes.DIRECTORY_GROUP_CREATED, data(scope, group));
        members.forEach(user -> membership(scope, group, user, EventTypes.DIRECTORY_GROUP_USER_ADDED));
    }

    static void groupChanged(DirectoryScope scope, Group before, Group after, Collection<UserModel> added, Collection<UserModel> removed) {
        ObjectNode now = data(scope, after);
        Set<String> changed = ChangedFields.between(data(scope, before), now, NOT_UPDATES);
        if (!changed.isEmpty()) {
            now.remove("members");
            record(scope, EventTypes.DIRECTORY_GROUP_UPDATED, ChangedFields.data(now, changed));
        }
        removed.forEach(user -> membership(scope, after, user, EventTypes.DIRECTORY_GROUP_USER_REMOVED));
        added.forEach(user -> membership(scope, after, user, EventTypes.DIRECTORY_GROUP_USER_ADDED));
    }

    static void groupDeleted(DirectoryScope scope, Group before) {
        record(scope, EventTypes.DIRECTORY_GROUP_DELETED, data(scope, before));
    }

    private static void membership(DirectoryScope scope, Group group, UserModel user, String type) {
        ObjectNode data = JsonSerialization.mapper.createObjectNode();
        data.put("directoryId", scope.directoryId());
        data.putObject("group").put("id", group.getId().orElse(null)).put("displayName", group.getDisplayName().orElse(null));
        data.putObject("user").put("id", user.getId()).put("userName", UserDocuments.userName(user));
        record(scope, type, data);
    }

    /** The resource's JSON, as its own copy, with the directory's id. */
    private static ObjectNode data(DirectoryScope scope, JsonNode resource) {
        try {
            ObjectNode data = (ObjectNode) JsonSerialization.mapper.readTree(resource.toString());
            data.put("directoryId", scope.directoryId());
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(DirectoryScope scope, String type, Object data) {
        new EventStream(scope.session()).record(scope.realm(), scope.organization().getId(), type, data);
    }
}
