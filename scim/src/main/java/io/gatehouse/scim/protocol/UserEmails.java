package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import io.gatehouse.scim.persistence.ScimUserEmailEntity;
import io.gatehouse.scim.protocol.FilterTranslation.Element;
import io.gatehouse.scim.protocol.FilterTranslation.Kind;
import io.gatehouse.scim.protocol.FilterTranslation.Target;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.gatehouse.scim.protocol.FilterTranslation.Target.column;

/**
 * Every email a directory sent for a user, one row each ({@link ScimUserEmailEntity}), so that
 * filters on {@code emails} are database queries, also on emails that are not the primary one
 * (Keycloak holds only that one). Types and values are kept lower-cased: both compare ignoring
 * case (RFC 7643, 4.1.2).
 */
final class UserEmails {

    private static final int MAX_LENGTH = 255;
    private static final String ROWS = "exists (select e from ScimUserEmailEntity e where e.userId = u.id and %s)";

    /** {@code emails.value}: any email of the user; a member no directory wrote has only Keycloak's. */
    static final Target VALUE = Target.in("e.value", Kind.STORED_LOWER_CASE, ROWS).orElse(column("u.email", Kind.STORED_LOWER_CASE));

    /** {@code emails[...]}: the user's emails, each compared as one element. */
    static final Element ELEMENT = new Element(ROWS, Map.of(
            "emails.value", column("e.value", Kind.STORED_LOWER_CASE),
            "emails.type", column("e.type", Kind.STORED_LOWER_CASE),
            "emails.primary", column("e.primary", Kind.BOOLEAN)));

    private UserEmails() {
    }

    /**
     * The email that is the user's primary one: the one flagged primary, else the first; a single
     * email without the flag is the primary (RFC 7643, 4.1.2: the flag marks one of several).
     */
    static Optional<Email> primary(User user) {
        List<Email> emails = user.getEmails();
        return emails.stream().filter(Email::isPrimary).findFirst().or(() -> emails.stream().findFirst());
    }

    /** Replaces the rows of a user with the emails of {@code scim}; {@code created}: the user is new, so has none yet. */
    static void write(EntityManager em, String userId, User scim, boolean created) {
        if (!created) {
            em.createNamedQuery("ghScimUserEmailsDeleteOfUser").setParameter("userId", userId).executeUpdate();
        }
        Optional<Email> primary = primary(scim);
        List<Email> emails = scim.getEmails();
        for (int index = 0; index < emails.size(); index++) {
            Email email = emails.get(index);
            ScimUserEmailEntity row = new ScimUserEmailEntity();
            row.setUserId(userId);
            row.setPosition(index);
            row.setType(lowerCased("An email's type", email.getType()));
            row.setValue(lowerCased("An email", email.getValue()));
            row.setPrimary(primary.map(p -> p == email).orElse(false));
            em.persist(row);
        }
    }

    private static String lowerCased(String what, Optional<String> value) {
        String lower = value.map(DerivedUsernames::canonical).orElse(null);
        if (lower != null && lower.length() > MAX_LENGTH) {
            throw new BadRequestException(what + " has at most " + MAX_LENGTH + " characters.", ScimType.RFC7644.INVALID_VALUE);
        }
        return lower;
    }
}
