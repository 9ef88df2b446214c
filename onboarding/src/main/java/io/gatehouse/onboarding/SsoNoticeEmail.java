package io.gatehouse.onboarding;

import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's "your organization signs in with SSO now" email, through Keycloak's email templates
 * and the realm's SMTP settings. The templates ({@value #TEMPLATE}, html and text) are FreeMarker
 * with HTML escaping on in the html one, so an organization's name is shown, never interpreted.
 */
final class SsoNoticeEmail {

    static final String TEMPLATE = "gatehouse-sso-notice.ftl";
    static final String SUBJECT = "gatehouseSsoNoticeSubject";

    private final KeycloakSession session;
    private final RealmModel realm;

    SsoNoticeEmail(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** What the email says: whose organization, where to link, and whether password sign-in will stop. */
    record Content(String orgName, String link, boolean ssoRequired) {
    }

    void send(UserModel member, Content content) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("orgName", content.orgName());
        attributes.put("link", content.link());
        attributes.put("ssoRequired", content.ssoRequired());
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(member)
                .send(SUBJECT, List.of(subjectSafe(content.orgName())), TEMPLATE, attributes);
    }

    /** A name as one header line: control characters (line breaks among them) become spaces. */
    static String subjectSafe(String name) {
        return name == null ? "" : name.replaceAll("\\p{Cntrl}", " ");
    }
}
