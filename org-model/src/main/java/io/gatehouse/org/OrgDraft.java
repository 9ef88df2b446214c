package io.gatehouse.org;

import io.gatehouse.domain.Domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything an organization should look like after a create or an update, already checked:
 * a draft that exists is one the database will take (bar uniqueness, which only the database decides).
 */
public record OrgDraft(String name,
                       String alias,
                       Set<Domain> domains,
                       String externalId,
                       Map<String, List<String>> attributes,
                       OrgPolicies policies) {

    static final int MAX_TEXT = 255;
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_VALUES_PER_ATTRIBUTE = 50;
    private static final Pattern ALIAS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    public OrgDraft {
        requireText("name", name);
        if (alias != null) {
            requireText("alias", alias);
            if (!ALIAS.matcher(alias).matches()) {
                throw OrgRequestException.invalid("invalid_alias",
                        "alias may hold only letters, digits, '.', '_' and '-', and must start with a letter or digit.");
            }
        }
        if (domains == null || domains.isEmpty()) {
            throw OrgRequestException.invalid("missing_domains", "domains must list at least one domain, such as acme.com.");
        }
        if (externalId != null) {
            requireText("externalId", externalId);
        }
        checkAttributes(attributes);
        if (policies == null) {
            throw OrgRequestException.invalid("missing_policies", "policies are required.");
        }
        domains = Set.copyOf(domains);
        attributes = Map.copyOf(attributes);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw OrgRequestException.invalid("missing_" + field, field + " is required and must not be blank.");
        }
        if (value.length() > MAX_TEXT) {
            throw OrgRequestException.invalid("invalid_" + field,
                    field + " is " + value.length() + " characters long; the limit is " + MAX_TEXT + ".");
        }
    }

    private static void checkAttributes(Map<String, List<String>> attributes) {
        if (attributes == null) {
            throw OrgRequestException.invalid("invalid_attributes", "attributes must be an object of string lists.");
        }
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw OrgRequestException.invalid("invalid_attributes", "An organization may have at most " + MAX_ATTRIBUTES + " attributes.");
        }
        attributes.forEach((key, values) -> {
            if (key.isBlank() || key.length() > MAX_TEXT) {
                throw OrgRequestException.invalid("invalid_attributes", "Attribute names must be 1 to " + MAX_TEXT + " characters.");
            }
            if (values == null || values.isEmpty() || values.size() > MAX_VALUES_PER_ATTRIBUTE) {
                throw OrgRequestException.invalid("invalid_attributes",
                        "Attribute '" + key + "' must have 1 to " + MAX_VALUES_PER_ATTRIBUTE + " values.");
            }
            for (String value : values) {
                if (value == null || value.length() > MAX_TEXT) {
                    throw OrgRequestException.invalid("invalid_attributes",
                            "Values of attribute '" + key + "' must be strings of at most " + MAX_TEXT + " characters.");
                }
            }
        });
    }
}
