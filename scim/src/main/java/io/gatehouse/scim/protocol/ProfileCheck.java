package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ConflictException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the realm's user profile over what a directory sends, less two rules that do not fit a
 * directory. SCIM requires only userName, so a user without name or email is accepted. And a
 * directory's names are stored as the directory has them ({@code #John Do`e¥} stays so), so the
 * profile's person-name character rule does not apply. Everything else the profile rejects (a
 * malformed email, a too-long value) is refused with the profile's reason; a username or email
 * already taken is refused as {@link #TAKEN}. The username checked is the Keycloak one
 * ({@link UserNames}), not the SCIM userName, which is kept as sent.
 */
final class ProfileCheck {

    private static final Set<String> NAME_AND_EMAIL = Set.of(UserModel.FIRST_NAME, UserModel.LAST_NAME, UserModel.EMAIL);
    private static final Set<String> MISSING = Set.of("error-user-attribute-required",
            Messages.MISSING_FIRST_NAME, Messages.MISSING_LAST_NAME, Messages.MISSING_EMAIL);
    private static final String PERSON_NAME_CHARACTERS = "error-person-name-invalid-character";
    private static final Set<String> EXISTS = Set.of(Messages.USERNAME_EXISTS, Messages.EMAIL_EXISTS);
    private static final String USERNAME_CHARACTERS = "error-username-invalid-character";

    /**
     * The one answer to any collision, whoever holds the value: a user the directory sees, a
     * user of another org, the support account or a local account. It says no more than the
     * realm's uniqueness rule makes known anyway.
     */
    static final String TAKEN = "A user with this userName or email already exists.";

    private ProfileCheck() {
    }

    /** @param existing the user being changed, or null for a new one */
    static void require(KeycloakSession session, Map<String, List<String>> attributes, UserModel existing) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        try {
            if (existing == null) {
                profiles.create(UserProfileContext.USER_API, attributes).validate();
            } else {
                profiles.create(UserProfileContext.USER_API, attributes, existing).validate();
            }
        } catch (ValidationException e) {
            List<ValidationException.Error> errors = e.getErrors().stream().filter(ProfileCheck::applies).toList();
            if (errors.stream().anyMatch(error -> EXISTS.contains(error.getMessage()))) {
                throw new ConflictException(TAKEN, ScimType.RFC7644.UNIQUENESS);
            }
            if (!errors.isEmpty() && errors.stream().allMatch(ProfileCheck::isUsernameCharacters)) {
                throw new UsernameCharactersRefused(describe(errors));
            }
            if (!errors.isEmpty()) {
                throw new BadRequestException(describe(errors), ScimType.RFC7644.INVALID_VALUE);
            }
        }
    }

    /**
     * Checks a new Keycloak username for a user that has one already. The realm's profile keeps
     * usernames read-only unless the realm lets users edit theirs, so the rename is checked as a
     * new user's username: its characters and length, and whether someone holds it.
     */
    static void requireUsername(KeycloakSession session, String username) {
        try {
            session.getProvider(UserProfileProvider.class).create(UserProfileContext.USER_API, Map.of(UserModel.USERNAME, List.of(username))).validate();
        } catch (ValidationException e) {
            List<ValidationException.Error> errors = e.getErrors().stream().filter(error -> UserModel.USERNAME.equals(error.getAttribute())).toList();
            if (errors.stream().anyMatch(error -> EXISTS.contains(error.getMessage()))) {
                throw new ConflictException(TAKEN, ScimType.RFC7644.UNIQUENESS);
            }
            if (!errors.isEmpty() && errors.stream().allMatch(ProfileCheck::isUsernameCharacters)) {
                throw new UsernameCharactersRefused(describe(errors));
            }
            if (!errors.isEmpty()) {
                throw new BadRequestException(describe(errors), ScimType.RFC7644.INVALID_VALUE);
            }
        }
    }

    private static boolean isUsernameCharacters(ValidationException.Error error) {
        return UserModel.USERNAME.equals(error.getAttribute()) && USERNAME_CHARACTERS.equals(error.getMessage());
    }

    /** The realm's username rules refuse the characters of the username tried, and only those: a derived username may pass. */
    static final class UsernameCharactersRefused extends BadRequestException {
        UsernameCharactersRefused(String message) {
            super(message, ScimType.RFC7644.INVALID_VALUE);
        }
    }

    private static boolean applies(ValidationException.Error error) {
        if (NAME_AND_EMAIL.contains(error.getAttribute()) && MISSING.contains(error.getMessage())) {
            return false;
        }
        return !PERSON_NAME_CHARACTERS.equals(error.getMessage());
    }

    private static String describe(List<ValidationException.Error> errors) {
        return "The realm's user profile refuses this user: " + errors.stream()
                .map(error -> error.getAttribute() + " (" + error.getMessage() + ")")
                .distinct()
                .collect(Collectors.joining(", "));
    }
}
