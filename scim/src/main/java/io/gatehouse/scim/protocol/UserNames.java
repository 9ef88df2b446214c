package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.ScimType;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import io.gatehouse.scim.protocol.FilterTranslation.Equality;
import io.gatehouse.scim.protocol.FilterTranslation.Kind;
import io.gatehouse.scim.protocol.FilterTranslation.Target;
import org.keycloak.models.UserModel;

import java.util.List;

import static io.gatehouse.scim.protocol.FilterTranslation.Target.column;

/**
 * A SCIM userName and the Keycloak username it maps to, in one directory's organization. The
 * userName is kept exactly as sent (in the user's kept document) and compared case-insensitively
 * through a canonical copy ({@value #ATTRIBUTE}). The Keycloak username, realm-wide, is the
 * canonical userName when it is an email (which {@link DomainCheck} holds to the organization's
 * domains) that Keycloak's username rules accept; otherwise it is {@link DerivedUsernames derived},
 * unique to the organization.
 */
final class UserNames {

    /** The canonical userName of a user a directory wrote, for filters other than {@code eq}. */
    static final String ATTRIBUTE = "gatehouse.scim.userName";
    private static final int MAX_LENGTH = 255;

    private final DirectoryScope scope;

    UserNames(DirectoryScope scope) {
        this.scope = scope;
    }

    /** @throws BadRequestException a blank or too long userName */
    static String require(String userName) {
        if (userName == null || userName.isBlank() || userName.length() > MAX_LENGTH) {
            throw new BadRequestException("userName needs 1 to " + MAX_LENGTH + " characters.", ScimType.RFC7644.INVALID_VALUE);
        }
        return userName;
    }

    /** The Keycloak username to try first: the email itself, or the derived name for anything else. */
    String keycloakUsername(String userName) {
        return DomainCheck.isEmail(userName) ? DerivedUsernames.canonical(userName) : derived(userName);
    }

    String derived(String userName) {
        return DerivedUsernames.derive(scope.userNameKey(), scope.org().id(), userName);
    }

    /** Keeps the canonical copy a user's filters compare with. */
    static void keep(UserModel user, String userName) {
        user.setSingleAttribute(ATTRIBUTE, DerivedUsernames.canonical(userName));
    }

    /**
     * The userName filter: {@code eq} looks up the indexed Keycloak username, either form of
     * it; other operators compare the canonical copy, or the Keycloak username of a member no
     * directory wrote (one who signed in with SSO).
     */
    Target filter() {
        return Target.in("a.value", Kind.STORED_LOWER_CASE,
                        "exists (select a from UserAttributeEntity a where a.user = u and a.name = '" + ATTRIBUTE + "' and %s)")
                .orElse(column("u.username", Kind.STORED_LOWER_CASE))
                .equalTo(new Equality("u.username", this::keycloakUsernames));
    }

    /**
     * The Keycloak usernames a user of this userName can have: the canonical userName (an email
     * user, a member who signed in with SSO) and the derived one; never a derived name given as
     * the userName, which would find the user whose name it was derived for.
     */
    private List<String> keycloakUsernames(String userName) {
        String canonical = DerivedUsernames.canonical(userName);
        return DerivedUsernames.looksDerived(canonical) ? List.of(derived(userName)) : List.of(canonical, derived(userName));
    }
}
