package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.constants.enums.SortOrder;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.schemas.SchemaAttribute;
import de.captaingoldfish.scim.sdk.server.filter.FilterNode;
import io.gatehouse.scim.protocol.FilterTranslation.Condition;
import io.gatehouse.scim.protocol.FilterTranslation.Element;
import io.gatehouse.scim.protocol.FilterTranslation.Kind;
import io.gatehouse.scim.protocol.FilterTranslation.Target;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static io.gatehouse.scim.protocol.FilterTranslation.Target.column;

/**
 * The pages of an organization's users and groups, filtered and sorted by the database. Every
 * page is ordered by a unique key last, so paging gives each resource exactly once.
 */
final class MemberQuery {

    /** One page: the ids on it, and how many match in all. */
    record Page(List<String> ids, long total) {
    }

    /** A group's member as the group's document lists it. */
    record GroupMember(String id, String userName) {
    }

    private static final Map<String, Target> USER_FILTERS = Map.ofEntries(
            Map.entry("id", column("u.id", Kind.CASE_EXACT)),
            Map.entry("name.givenName", column("u.firstName", Kind.STRING)),
            Map.entry("name.familyName", column("u.lastName", Kind.STRING)),
            Map.entry("emails.value", UserEmails.VALUE),
            Map.entry("active", column("u.enabled", Kind.BOOLEAN)),
            Map.entry("meta.created", column("u.createdTimestamp", Kind.EPOCH_MILLIS)),
            Map.entry("meta.lastModified", column("u.lastModifiedTimestamp", Kind.EPOCH_MILLIS)),
            Map.entry("displayName", Target.in("a.value", Kind.STRING,
                    "exists (select a from UserAttributeEntity a where a.user = u and a.name = '"
                            + UserDocuments.DISPLAY_NAME_ATTRIBUTE + "' and %s)")),
            Map.entry("externalId", ExternalIds.target("u.id", ExternalIds.USER)));

    private static final Map<String, Element> USER_ELEMENTS = Map.of("emails", UserEmails.ELEMENT);

    private static final Map<String, String> USER_SORTS = Map.of(
            "id", "u.id",
            "userName", "u.username",
            "name.givenName", "u.firstName",
            "name.familyName", "u.lastName",
            "emails.value", "u.email",
            "active", "u.enabled",
            "meta.created", "u.createdTimestamp",
            "meta.lastModified", "u.lastModifiedTimestamp");

    /** JPQL: the user {@code %s} is one the directory may see. */
    private static final String VISIBLE_USER = "exists (select v from UserGroupMembershipEntity v where v.user = %s and "
            + DirectoryScope.managedMembership("v") + ")";

    private static final String GROUP_MEMBERS = "exists (select mm from UserGroupMembershipEntity mm where mm.groupId = g.id and "
            + VISIBLE_USER.formatted("mm.user") + " and %s)";

    private static final Map<String, Element> GROUP_ELEMENTS = Map.of("members",
            new Element(GROUP_MEMBERS, Map.of("members.value", column("mm.user.id", Kind.CASE_EXACT))));

    private static final Map<String, Target> GROUP_FILTERS = Map.of(
            "id", column("g.id", Kind.CASE_EXACT),
            "displayName", column("g.name", Kind.STRING),
            "meta.created", column("g.createdTimestamp", Kind.EPOCH_MILLIS),
            "meta.lastModified", column("g.lastModifiedTimestamp", Kind.EPOCH_MILLIS),
            "members.value", Target.in("mm.user.id", Kind.CASE_EXACT, GROUP_MEMBERS),
            "externalId", ExternalIds.target("g.id", ExternalIds.GROUP));

    private static final Map<String, String> GROUP_SORTS = Map.of(
            "id", "g.id",
            "displayName", "g.name",
            "meta.created", "g.createdTimestamp",
            "meta.lastModified", "g.lastModifiedTimestamp");

    private final DirectoryScope scope;

    MemberQuery(DirectoryScope scope) {
        this.scope = scope;
    }

    Page users(FilterNode filter, SchemaAttribute sortBy, SortOrder sortOrder, long startIndex, int count) {
        Map<String, Target> targets = new HashMap<>(USER_FILTERS);
        targets.put("userName", new UserNames(scope).filter());
        Condition condition = FilterTranslation.translate(filter, targets, USER_ELEMENTS);
        // u.realmId leads Keycloak's (realm, username) and (realm, email) indexes, so an eq filter is an index look-up
        String from = " from UserGroupMembershipEntity m join m.user u where " + DirectoryScope.managedMembership("m")
                + " and u.realmId = :realmId and " + condition.jpql();
        return page(from, "u", condition, order(sortBy, sortOrder, USER_SORTS, "u.username", "u.id"), startIndex, count);
    }

    Page groups(FilterNode filter, SchemaAttribute sortBy, SortOrder sortOrder, long startIndex, int count) {
        Condition condition = FilterTranslation.translate(filter, GROUP_FILTERS, GROUP_ELEMENTS);
        String from = " from GroupEntity g where g.organization.id = :orgId and g.id <> :membersGroup and " + condition.jpql();
        return page(from, "g", condition, order(sortBy, sortOrder, GROUP_SORTS, "g.name", "g.id"), startIndex, count);
    }

    /** Whether the group holds a member the directory does not see (an invited admin, the support account). */
    boolean hasHiddenMembers(String groupId) {
        return Persistence.em(scope.session()).createQuery("select count(gm) from UserGroupMembershipEntity gm where gm.groupId = :groupId and not "
                        + VISIBLE_USER.formatted("gm.user"), Long.class)
                .setParameter("groupId", groupId)
                .setParameter(DirectoryScope.MEMBERS_GROUP, scope.membersGroup().getId())
                .getSingleResult() > 0;
    }

    /** The members of one of the organization's groups that the directory may see, by userName. */
    List<GroupMember> groupMembers(String groupId) {
        // the display is the canonical userName a directory gave, never a derived Keycloak username
        return Persistence.em(scope.session()).createQuery("select u.id, coalesce(a.value, u.username) from UserGroupMembershipEntity gm join gm.user u"
                        + " left join UserAttributeEntity a on a.user = u and a.name = :userNameAttribute"
                        + " where gm.groupId = :groupId and " + VISIBLE_USER.formatted("u") + " order by u.username, u.id", Object[].class)
                .setParameter("groupId", groupId)
                .setParameter("userNameAttribute", UserNames.ATTRIBUTE)
                .setParameter(DirectoryScope.MEMBERS_GROUP, scope.membersGroup().getId())
                .getResultStream()
                .map(row -> new GroupMember((String) row[0], (String) row[1]))
                .toList();
    }

    private Page page(String from, String alias, Condition condition, String orderBy, long startIndex, int count) {
        EntityManager em = Persistence.em(scope.session());
        long total = bind(em.createQuery("select count(" + alias + ")" + from, Long.class), from, condition).getSingleResult();
        Optional<IdPaging> byId = scope.idPaging();
        if (byId.isPresent()) {
            return pageById(em, from, alias, condition, byId.get(), count, total);
        }
        if (total == 0 || count <= 0) {
            return new Page(List.of(), total);
        }
        List<String> ids = bind(em.createQuery("select " + alias + ".id" + from + " order by " + orderBy, String.class), from, condition)
                .setFirstResult((int) Math.min(Integer.MAX_VALUE, Math.max(0, startIndex - 1)))
                .setMaxResults(count)
                .getResultList();
        return new Page(ids, total);
    }

    /**
     * A page of SAP's id paging: in id order from {@code startId} on, one more read than the page
     * holds to name the next page's start. The total counts every match, as on every page.
     */
    private Page pageById(EntityManager em, String from, String alias, Condition condition, IdPaging paging, int count, long total) {
        if (total == 0 || count <= 0 || paging.pastEnd()) {
            paging.read(count, null);
            return new Page(List.of(), total);
        }
        String fromStart = paging.fromStart() ? from : from + " and " + alias + ".id >= :startId";
        TypedQuery<String> query = bind(em.createQuery("select " + alias + ".id" + fromStart + " order by " + alias + ".id asc", String.class),
                fromStart, condition);
        if (!paging.fromStart()) {
            query.setParameter("startId", paging.startId());
        }
        List<String> ids = query.setMaxResults(count + 1).getResultList();
        paging.read(count, ids.size() > count ? ids.get(count) : null);
        return new Page(ids.subList(0, Math.min(count, ids.size())), total);
    }

    private <T> TypedQuery<T> bind(TypedQuery<T> query, String jpql, Condition condition) {
        query.setParameter(DirectoryScope.MEMBERS_GROUP, scope.membersGroup().getId());
        if (jpql.contains(":realmId")) {
            query.setParameter("realmId", scope.realm().getId());
        }
        if (jpql.contains(":orgId")) {
            query.setParameter("orgId", scope.organization().getId());
        }
        if (jpql.contains(":directoryId")) {
            query.setParameter("directoryId", scope.directoryId());
        }
        condition.bind(query);
        return query;
    }

    private static String order(SchemaAttribute sortBy, SortOrder sortOrder, Map<String, String> sorts, String byDefault, String uniqueKey) {
        String direction = sortOrder == SortOrder.DESCENDING ? " desc" : " asc";
        if (sortBy == null) {
            return byDefault + direction + ", " + uniqueKey + direction;
        }
        String column = sorts.get(sortBy.getScimNodeName());
        if (column == null) {
            throw new BadRequestException("Sorting by '" + sortBy.getScimNodeName() + "' is not supported. Sort by: "
                    + new TreeSet<>(sorts.keySet()) + ".", ScimType.RFC7644.INVALID_VALUE);
        }
        return column + direction + ", " + uniqueKey + direction;
    }
}
