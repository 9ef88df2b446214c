package io.gatehouse.events;

import java.util.Set;

/** The catalogue of event types (README "Events"): what {@link EventStream#record} accepts and readers may filter on. */
public final class EventTypes {

    public static final String ORGANIZATION_CREATED = "organization.created";
    public static final String ORGANIZATION_UPDATED = "organization.updated";
    public static final String ORGANIZATION_DELETED = "organization.deleted";
    public static final String DOMAIN_VERIFIED = "organization.domain.verified";
    public static final String DOMAIN_VERIFICATION_FAILED = "organization.domain.verification_failed";
    public static final String CONNECTION_CREATED = "connection.created";
    public static final String CONNECTION_ACTIVATED = "connection.activated";
    public static final String CONNECTION_DEACTIVATED = "connection.deactivated";
    public static final String CONNECTION_DELETED = "connection.deleted";
    public static final String DIRECTORY_CREATED = "directory.created";
    public static final String DIRECTORY_DELETED = "directory.deleted";
    public static final String DIRECTORY_USER_CREATED = "directory.user.created";
    public static final String DIRECTORY_USER_UPDATED = "directory.user.updated";
    public static final String DIRECTORY_USER_DEACTIVATED = "directory.user.deactivated";
    public static final String DIRECTORY_USER_REACTIVATED = "directory.user.reactivated";
    public static final String DIRECTORY_USER_DELETED = "directory.user.deleted";
    public static final String DIRECTORY_GROUP_CREATED = "directory.group.created";
    public static final String DIRECTORY_GROUP_UPDATED = "directory.group.updated";
    public static final String DIRECTORY_GROUP_DELETED = "directory.group.deleted";
    public static final String DIRECTORY_GROUP_USER_ADDED = "directory.group.user_added";
    public static final String DIRECTORY_GROUP_USER_REMOVED = "directory.group.user_removed";
    public static final String MEMBERSHIP_CREATED = "membership.created";
    public static final String MEMBERSHIP_DELETED = "membership.deleted";
    public static final String ROLE_GRANTED = "role.granted";
    public static final String ROLE_REVOKED = "role.revoked";

    public static final Set<String> ALL = Set.of(ORGANIZATION_CREATED, ORGANIZATION_UPDATED, ORGANIZATION_DELETED,
            DOMAIN_VERIFIED, DOMAIN_VERIFICATION_FAILED,
            CONNECTION_CREATED, CONNECTION_ACTIVATED, CONNECTION_DEACTIVATED, CONNECTION_DELETED,
            DIRECTORY_CREATED, DIRECTORY_DELETED,
            DIRECTORY_USER_CREATED, DIRECTORY_USER_UPDATED, DIRECTORY_USER_DEACTIVATED, DIRECTORY_USER_REACTIVATED, DIRECTORY_USER_DELETED,
            DIRECTORY_GROUP_CREATED, DIRECTORY_GROUP_UPDATED, DIRECTORY_GROUP_DELETED,
            DIRECTORY_GROUP_USER_ADDED, DIRECTORY_GROUP_USER_REMOVED,
            MEMBERSHIP_CREATED, MEMBERSHIP_DELETED, ROLE_GRANTED, ROLE_REVOKED);

    private EventTypes() {
    }
}
