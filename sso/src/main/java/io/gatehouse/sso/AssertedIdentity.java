package io.gatehouse.sso;

import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AttributeStatementType;
import org.keycloak.dom.saml.v2.assertion.AttributeType;
import org.keycloak.representations.JsonWebToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the customer's IdP asserted about the user, read from the raw OIDC claims or SAML assertion
 * rather than from anything a mapper may have rewritten.
 */
record AssertedIdentity(String email, Boolean emailVerified, String hostedDomain) {

    /** Names IdPs use for group membership: OIDC's groups claim; Okta's, Entra ID's and AD FS's SAML attributes. */
    private static final List<String> GROUP_NAMES = List.of("groups", "group", "memberOf",
            "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups");


    static AssertedIdentity of(BrokeredIdentityContext context, ConnectionSettings settings) {
        String email = claim(context, "email").orElse(context.getEmail());
        if (settings.samlEmailAttribute() != null) {
            email = samlAttribute(context, settings.samlEmailAttribute()).orElse(null);
        }
        if (isBlank(email) && settings.emailFromUpnOrPreferredUsername()) {
            email = claim(context, "upn").filter(v -> v.contains("@"))
                    .or(() -> claim(context, "preferred_username").filter(v -> v.contains("@")))
                    .orElse(null);
        }
        Boolean verified = claim(context, "email_verified").map(Boolean::parseBoolean).orElse(null);
        return new AssertedIdentity(isBlank(email) ? null : email.strip(), verified, claim(context, "hd").orElse(null));
    }

    private static Optional<String> claim(BrokeredIdentityContext context, String name) {
        Object token = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (token instanceof JsonWebToken jwt && jwt.getOtherClaims().get(name) != null) {
            return Optional.of(String.valueOf(jwt.getOtherClaims().get(name)));
        }
        Object userInfo = context.getContextData().get(OIDCIdentityProvider.USER_INFO);
        if (userInfo instanceof JsonNode json && json.hasNonNull(name)) {
            return Optional.of(json.get(name).asText());
        }
        return Optional.empty();
    }

    private static Optional<String> samlAttribute(BrokeredIdentityContext context, String name) {
        return samlValues(context, List.of(name)).findFirst();
    }

    /** The groups the IdP says the user is in, as it sent them (Entra ID sends object ids). */
    static List<String> groups(BrokeredIdentityContext context) {
        List<String> groups = new ArrayList<>(samlValues(context, GROUP_NAMES).toList());
        for (String name : GROUP_NAMES) {
            Object token = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
            if (token instanceof JsonWebToken jwt && jwt.getOtherClaims().get(name) instanceof Collection<?> values) {
                values.forEach(value -> groups.add(String.valueOf(value)));
            }
            Object userInfo = context.getContextData().get(OIDCIdentityProvider.USER_INFO);
            if (userInfo instanceof JsonNode json && json.path(name).isArray()) {
                json.get(name).forEach(value -> groups.add(value.asText()));
            }
        }
        return groups.stream().distinct().toList();
    }

    private static Stream<String> samlValues(BrokeredIdentityContext context, List<String> names) {
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        if (!(assertion instanceof AssertionType saml)) {
            return Stream.empty();
        }
        return saml.getAttributeStatements().stream()
                .map(AttributeStatementType::getAttributes)
                .flatMap(List::stream)
                .map(AttributeStatementType.ASTChoiceType::getAttribute)
                .filter(Objects::nonNull)
                .filter(a -> (a.getName() != null && names.contains(a.getName()))
                        || (a.getFriendlyName() != null && names.contains(a.getFriendlyName())))
                .map(AttributeType::getAttributeValue)
                .flatMap(List::stream)
                .filter(Objects::nonNull)
                .map(Object::toString);
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
