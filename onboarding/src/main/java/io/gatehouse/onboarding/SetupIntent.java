package io.gatehouse.onboarding;

import io.gatehouse.org.OrgRequestException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** What a setup link lets the customer's IT admin do: prove a domain, connect an IdP, create a SCIM directory. */
public enum SetupIntent {
    DOMAIN, SSO, SCIM;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Set<SetupIntent> parse(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            throw OrgRequestException.invalid("invalid_intents", "intents must name at least one of: " + allowed() + ".");
        }
        Set<SetupIntent> intents = EnumSet.noneOf(SetupIntent.class);
        for (String code : codes) {
            intents.add(Arrays.stream(values()).filter(i -> i.code().equals(code)).findFirst()
                    .orElseThrow(() -> OrgRequestException.invalid("invalid_intents", "Unknown intent '" + code + "'; use: " + allowed() + ".")));
        }
        return intents;
    }

    static String join(Set<SetupIntent> intents) {
        return intents.stream().map(SetupIntent::code).collect(Collectors.joining(","));
    }

    static Set<SetupIntent> split(String joined) {
        return parse(List.of(joined.split(",")));
    }

    private static String allowed() {
        return Arrays.stream(values()).map(SetupIntent::code).collect(Collectors.joining(", "));
    }
}
