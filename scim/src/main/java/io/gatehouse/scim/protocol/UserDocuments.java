package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.AttributeNames;
import de.captaingoldfish.scim.sdk.common.constants.ResourceTypeNames;
import de.captaingoldfish.scim.sdk.common.resources.User;
import de.captaingoldfish.scim.sdk.common.resources.complex.Meta;
import de.captaingoldfish.scim.sdk.common.resources.complex.Name;
import de.captaingoldfish.scim.sdk.common.resources.multicomplex.Email;
import de.captaingoldfish.scim.sdk.common.utils.JsonHelper;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SCIM user and the Keycloak user it is. Keycloak's own fields hold what Keycloak uses
 * (username, primary email, first and last name, enabled); the rest of the document (display
 * name, phone numbers, title, locale, the enterprise extension, other emails) is kept as the
 * directory sent it, so a user reads back exactly as written.
 */
final class UserDocuments {

    static final String DOCUMENT_ATTRIBUTE = "gatehouse.scim.user";
    static final String DISPLAY_NAME_ATTRIBUTE = "gatehouse.scim.displayName";

    private UserDocuments() {
    }

    static Optional<String> primaryEmail(User user) {
        return UserEmails.primary(user).flatMap(Email::getValue).filter(value -> !value.isBlank());
    }

    /** What the realm's user profile gets to check; {@code username} is the Keycloak one. */
    static Map<String, List<String>> profileAttributes(User user, String username) {
        Optional<Name> name = user.getName();
        return Map.of(
                UserModel.USERNAME, List.of(username),
                UserModel.EMAIL, listOf(primaryEmail(user)),
                UserModel.FIRST_NAME, listOf(name.flatMap(Name::getGivenName)),
                UserModel.LAST_NAME, listOf(name.flatMap(Name::getFamilyName)));
    }

    /**
     * The document kept for a user: what the directory sent, less what has a home of its own (id,
     * meta, externalId, active, groups) and the password, which is never kept or echoed back.
     */
    static User kept(User scim) {
        User document = JsonHelper.copyResourceToObject(scim.deepCopy(), User.class);
        for (String notKept : List.of(AttributeNames.RFC7643.ID, AttributeNames.RFC7643.META, AttributeNames.RFC7643.EXTERNAL_ID,
                AttributeNames.RFC7643.PASSWORD, AttributeNames.RFC7643.GROUPS, AttributeNames.RFC7643.ACTIVE)) {
            document.remove(notKept);
        }
        return document;
    }

    /** Writes everything but the username and externalId, which have rules of their own; {@code kept} is {@link #kept} of {@code scim}. */
    static void write(User scim, User kept, UserModel user) {
        String email = primaryEmail(scim).orElse(null);
        if (email == null ? user.getEmail() != null : !email.equalsIgnoreCase(user.getEmail())) {
            user.setEmail(email);
            // an address a brokered login proved (ProvisionedAccountLinker) says nothing of the next one
            user.setEmailVerified(false);
        }
        user.setFirstName(scim.getName().flatMap(Name::getGivenName).orElse(null));
        user.setLastName(scim.getName().flatMap(Name::getFamilyName).orElse(null));
        scim.isActive().ifPresent(user::setEnabled);
        scim.getDisplayName().ifPresentOrElse(d -> user.setSingleAttribute(DISPLAY_NAME_ATTRIBUTE, d),
                () -> user.removeAttribute(DISPLAY_NAME_ATTRIBUTE));
        user.setSingleAttribute(DOCUMENT_ATTRIBUTE, kept.toString());
    }

    static User read(UserModel user, String externalId, String location) {
        User kept = Optional.ofNullable(user.getFirstAttribute(DOCUMENT_ATTRIBUTE))
                .map(json -> JsonHelper.readJsonDocument(json, User.class))
                .orElseGet(() -> fromKeycloak(user));
        return read(kept, user, externalId, location);
    }

    /**
     * The user as its directory reads it: the kept document with what Keycloak holds. A write
     * answers with the document it just kept, instead of parsing it back from the user's attribute.
     */
    static User read(User kept, UserModel user, String externalId, String location) {
        kept.setId(user.getId());
        kept.setUserName(kept.getUserName().filter(sent -> isUserNameOf(sent, user)).orElse(user.getUsername()));
        kept.setActive(user.isEnabled());
        kept.setExternalId(externalId);
        Instant created = Instant.ofEpochMilli(Optional.ofNullable(user.getCreatedTimestamp()).orElse(0L));
        kept.setMeta(Meta.builder()
                .resourceType(ResourceTypeNames.USER)
                .created(created)
                .lastModified(Optional.ofNullable(user.getLastModifiedTimestamp()).map(Instant::ofEpochMilli).orElse(created))
                .location(location)
                .build());
        return kept;
    }

    /** The SCIM userName a directory gave the user, or the Keycloak username of a user no directory wrote. */
    static String userName(UserModel user) {
        return read(user, null, null).getUserName().orElse(user.getUsername());
    }

    /**
     * Whether the kept userName is still the user's: its canonical copy, or its Keycloak username,
     * unless an admin renamed the user outside SCIM since, when Keycloak's name wins.
     */
    private static boolean isUserNameOf(String sent, UserModel user) {
        return DerivedUsernames.canonical(sent).equals(user.getFirstAttribute(UserNames.ATTRIBUTE)) || sent.equalsIgnoreCase(user.getUsername());
    }

    /** A member of the org that no directory wrote, such as one who signed in with SSO. */
    private static User fromKeycloak(UserModel user) {
        User scim = new User();
        if (user.getFirstName() != null || user.getLastName() != null) {
            scim.setName(Name.builder().givenName(user.getFirstName()).familyName(user.getLastName()).build());
        }
        if (user.getEmail() != null) {
            scim.setEmails(new ArrayList<>(List.of(Email.builder().value(user.getEmail()).primary(true).build())));
        }
        return scim;
    }

    private static List<String> listOf(Optional<String> value) {
        return value.map(List::of).orElse(List.of());
    }
}
