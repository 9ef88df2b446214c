package io.gatehouse.sso;

import io.gatehouse.domain.EmailDomainPolicy;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.AttributeContext;
import org.keycloak.userprofile.UserProfileAttributeValidationContext;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.validate.SimpleValidator;
import org.keycloak.validate.ValidationContext;
import org.keycloak.validate.ValidationError;
import org.keycloak.validate.ValidatorConfig;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the email of a person who came in through an organization's connection inside that
 * organization's domains, wherever Keycloak lets the email change: the review-profile form of the
 * first broker login, the account console, the update-email action and the admin API. It sits on
 * the user profile's email attribute ({@link GatehouseUserProfileProviderFactory}), which every one
 * of those paths validates before it stores anything, whichever flows the realm binds.
 *
 * Only a change to another email is judged for an existing account (removing it claims nothing,
 * and a directory may provision a user with none): an email already stored (say, before the
 * organization dropped a domain) does not lock the account against other edits; the next brokered
 * login is refused by {@link DomainEnforcementMapper} instead. On the review-profile form the
 * account does not exist yet, so the email is always judged there.
 *
 * People read the refusal on a login page or in the account console (a message key their theme can
 * translate); an admin API caller reads it as a sentence naming the organization, since Keycloak
 * formats admin errors without the login theme's messages.
 */
public final class OrgEmailGuard implements SimpleValidator {

    static final String ID = "gatehouse-org-email";
    static final String MESSAGE = "gatehouseEmailOutsideOrg";
    static final String MESSAGE_UNDECIDED = "gatehouseEmailNotChecked";

    private static final Logger LOG = Logger.getLogger(OrgEmailGuard.class);

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public ValidationContext validate(Object input, String inputHint, ValidationContext context, ValidatorConfig config) {
        if (!(context instanceof UserProfileAttributeValidationContext profile)) {
            return context;
        }
        AttributeContext attribute = profile.getAttributeContext();
        UserModel user = attribute.getUser();
        String email = firstValue(input);
        try {
            Set<String> orgIds;
            if (attribute.getContext() == UserProfileContext.IDP_REVIEW) {
                orgIds = ConnectedOrgs.ofReviewedLogin(context.getSession(), user);
            } else if (user == null || email == null || sameEmail(email, user.getEmail())) {
                // taking an email away claims no domain: a directory that sends a user without emails clears it
                return context;
            } else {
                orgIds = ConnectedOrgs.ofUser(context.getSession(), user);
            }
            for (String orgId : orgIds) {
                if (!allowed(context.getSession(), email, orgId)) {
                    LOG.warnf("Refused email '%s' for '%s' (%s): outside organization '%s'",
                            email, user == null ? "?" : user.getUsername(), attribute.getContext(), orgId);
                    context.addError(new ValidationError(ID, inputHint, attribute.getContext().isAdminContext()
                            ? "Email not saved: it is outside the domains of organization " + orgId
                            + ", and a user who signs in through an organization keeps an email in its domains."
                            : MESSAGE));
                    return context;
                }
            }
        } catch (ConnectedOrgs.Undecidable | RuntimeException e) {
            // Fail closed: an email that cannot be judged is not stored.
            LOG.warnf("Refused email '%s' for '%s' (%s): cannot tell its organization: %s",
                    email, user == null ? "?" : user.getUsername(), attribute.getContext(), e.getMessage());
            context.addError(new ValidationError(ID, inputHint, attribute.getContext().isAdminContext()
                    ? "Email not saved: it cannot be checked against the organization of this user right now."
                    : MESSAGE_UNDECIDED));
        }
        return context;
    }

    /** An organization that is gone allows nothing. */
    private static boolean allowed(KeycloakSession session, String email, String orgId) {
        Optional<Org> org = session.getProvider(GatehouseOrganizations.class).find(orgId);
        return org.isPresent() && EmailDomainPolicy.judge(email, org.get()) == EmailDomainPolicy.Verdict.ALLOWED;
    }

    private static boolean sameEmail(String posted, String stored) {
        return posted == null ? stored == null : posted.equalsIgnoreCase(stored);
    }

    private static String firstValue(Object input) {
        if (input instanceof Collection<?> values) {
            return values.stream().filter(v -> v != null && !v.toString().isBlank()).map(Object::toString).findFirst().orElse(null);
        }
        return input == null ? null : input.toString();
    }
}
