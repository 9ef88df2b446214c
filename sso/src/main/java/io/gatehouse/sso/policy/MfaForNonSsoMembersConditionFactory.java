package io.gatehouse.sso.policy;

import io.gatehouse.sso.RequiredStepFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;

public final class MfaForNonSsoMembersConditionFactory extends RequiredStepFactory implements ConditionalAuthenticatorFactory {

    /** Keycloak stores authenticator ids in 36 characters. */
    public static final String ID = "gatehouse-condition-mfa-non-sso";
    private static final MfaForNonSsoMembersCondition SINGLETON = new MfaForNonSsoMembersCondition();

    @Override
    public ConditionalAuthenticator getSingleton() {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Condition - Gatehouse: organization requires MFA without SSO";
    }

    @Override
    public String getHelpText() {
        return "Matches members of an organization whose policy mfaForNonSsoUsers is on.";
    }

    @Override
    public String getId() {
        return ID;
    }
}
