package io.gatehouse.sso.policy;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Stops members of an organization with {@code ssoRequired} from signing in with a local
 * credential (browser login, direct grant, password reset), once the flow knows who they are.
 * Break-glass accounts (realm role {@value MemberPolicies#BREAK_GLASS_ROLE}) are let through.
 */
final class SsoRequiredAuthenticator implements Authenticator {

    static final String MESSAGE = "gatehouseSsoRequired";
    private static final String SENTENCE = "Your organization requires you to sign in with your company's single sign-on (SSO).";
    private static final Logger LOG = Logger.getLogger(SsoRequiredAuthenticator.class);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        if (user == null || MemberPolicies.isBreakGlass(context.getSession(), user)
                || !MemberPolicies.anyOrg(context.getSession(), user, p -> p.ssoRequired())) {
            context.success();
            return;
        }
        LOG.infof("User '%s' must sign in with SSO; local sign-in refused", user.getUsername());
        FlowRefusal.refuse(context, user, null, "sso_required", MESSAGE, SENTENCE);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        authenticate(context);
    }

    @Override
    public boolean requiresUser() {
        return false; // a reset for an unknown username goes on without a user, so as not to reveal it
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
