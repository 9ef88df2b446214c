package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.server.schemas.ResourceType;
import de.captaingoldfish.scim.sdk.server.utils.RequestUtils;
import io.gatehouse.scim.protocol.FilterTranslation.Condition;
import io.gatehouse.scim.protocol.FilterTranslation.Equality;
import io.gatehouse.scim.protocol.FilterTranslation.Kind;
import io.gatehouse.scim.protocol.FilterTranslation.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FilterTranslationTest {

    private static final ResourceType USERS = new ScimEngine(200).endpoint().getResourceTypeByName("User").orElseThrow();
    private static final String ROWS = "exists (select e from ScimUserEmailEntity e where e.userId = u.id and %s)";
    private static final Map<String, Target> TARGETS = Map.of(
            "emails.value", UserEmails.VALUE,
            "name.givenName", Target.column("u.firstName", Kind.STRING),
            "userName", Target.in("a.value", Kind.STORED_LOWER_CASE, "exists (select a from A a where %s)")
                    .orElse(Target.column("u.username", Kind.STORED_LOWER_CASE))
                    .equalTo(new Equality("u.username", value -> List.of(value.toLowerCase(), "derived:" + value))));

    private static Condition translate(String filter) {
        return FilterTranslation.translate(RequestUtils.parseFilter(USERS, filter), TARGETS, Map.of("emails", UserEmails.ELEMENT));
    }

    @Test
    void entras_value_path_with_a_sub_attribute_compares_type_and_value_of_one_email() {
        Condition condition = translate("emails[type eq \"work\"].value eq \"Ada@Acme.test\"");

        assertEquals(ROWS.formatted("(e.type = :f0 and e.value = :f1)"), condition.jpql());
        assertEquals(Map.of("f0", "work", "f1", "ada@acme.test"), condition.parameters());
    }

    @Test
    void the_rfcs_value_path_compares_within_one_email() {
        Condition condition = translate("emails[type eq \"home\" and primary eq true]");

        assertEquals(ROWS.formatted("(e.type = :f0 and e.primary = :f1)"), condition.jpql());
        assertEquals(Map.of("f0", "home", "f1", true), condition.parameters());
    }

    @Test
    void a_value_path_beside_another_comparison_stays_one_exists() {
        Condition condition = translate("emails[type eq \"work\"].value sw \"ada\" and name.givenName eq \"x\" or emails.type eq \"home\"");

        assertEquals("((" + ROWS.formatted("(e.type = :f0 and e.value like :f1 escape '!')") + " and lower(u.firstName) = :f2) or "
                + ROWS.formatted("e.type = :f3") + ")", condition.jpql());
    }

    @Test
    void the_same_comparisons_written_out_are_of_any_two_emails() {
        Condition condition = translate("emails.type eq \"work\" and emails.value eq \"x\"");

        assertEquals("(" + ROWS.formatted("e.type = :f0") + " and (" + ROWS.formatted("e.value = :f1") + " or (not " + ROWS.formatted("1 = 1")
                + " and u.email = :f2)))", condition.jpql());
    }

    @Test
    void a_value_path_followed_by_any_email_is_two_conditions() {
        Condition condition = translate("emails[type eq \"work\"].value eq \"x\" and emails.value eq \"z\"");

        assertEquals(true, condition.jpql().startsWith("(" + ROWS.formatted("(e.type = :f0 and e.value = :f1)") + " and ("), condition.jpql());
    }

    @Test
    void emails_value_alone_is_any_email_or_keycloaks_for_a_user_without_rows() {
        Condition condition = translate("emails.value eq \"ada@acme.test\"");

        assertEquals("(" + ROWS.formatted("e.value = :f0") + " or (not " + ROWS.formatted("1 = 1") + " and u.email = :f1))", condition.jpql());
    }

    @Test
    void equality_with_a_lookup_is_an_in_on_the_indexed_column() {
        Condition condition = translate("userName eq \"#John Do`e\u00a5\"");

        assertEquals("(u.username in :f0)", condition.jpql());
        assertEquals(List.of("#john do`e\u00a5", "derived:#John Do`e\u00a5"), condition.parameters().get("f0"));
    }

    @Test
    void other_operators_use_the_kept_copy_and_fall_back_to_the_keycloak_column() {
        Condition condition = translate("userName sw \"#JOHN\"");

        assertEquals("(exists (select a from A a where a.value like :f0 escape '!') or (not exists (select a from A a where 1 = 1)"
                + " and u.username like :f1 escape '!'))", condition.jpql());
        assertEquals("#john%", condition.parameters().get("f0"));
    }

    @Test
    void a_value_path_on_an_attribute_without_rows_is_an_invalid_filter() {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> translate("phoneNumbers[type eq \"work\"]"));
        assertEquals("invalidFilter", refused.getScimType());
    }
}
