package io.gatehouse.sso;

import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.common.util.Time;
import org.keycloak.http.HttpRequest;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AudienceRestrictionType;
import org.keycloak.dom.saml.v2.assertion.ConditionsType;
import org.keycloak.dom.saml.v2.assertion.SubjectConfirmationDataType;
import org.keycloak.dom.saml.v2.assertion.SubjectConfirmationType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.saml.SAMLRequestParser;
import org.keycloak.saml.common.constants.GeneralConstants;
import org.keycloak.saml.processing.core.saml.v2.common.SAMLDocumentHolder;

import javax.xml.datatype.XMLGregorianCalendar;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Says precisely why Keycloak's SAML broker refused an IdP's response, for the customer's IT admin
 * testing a connection. Keycloak reports a wrong issuer, a wrong audience and an assertion outside
 * its validity time all as one {@code invalid_saml_response} error; this reads the response of the
 * request being refused and names the condition it fails, against the same settings Keycloak
 * checks it with (the connection's IdP entity ID, its SP entity ID, its allowed clock skew).
 * Encrypted assertions are not read: for them the general reason stands.
 */
final class SamlResponseDiagnosis {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final KeycloakSession session;

    SamlResponseDiagnosis(KeycloakSession session) {
        this.session = session;
    }

    /** The reason the SAML response in the current request was refused, if it shows one. */
    Optional<String> explain() {
        IdentityProviderModel idp = BrokerEndpoint.of(session).orElse(null);
        ResponseType response = response();
        if (idp == null || !"saml".equals(idp.getProviderId()) || response == null) {
            return Optional.empty();
        }
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig(idp);
        String issuer = response.getIssuer() == null ? null : response.getIssuer().getValue();
        if (config.getIdpEntityId() != null && !config.getIdpEntityId().equals(issuer)) {
            return Optional.of("Wrong issuer: the response comes from \"" + issuer + "\", but this connection expects \""
                    + config.getIdpEntityId() + "\". Connect again with the IdP's current metadata.");
        }
        AssertionType assertion = response.getAssertions().isEmpty() ? null : response.getAssertions().get(0).getAssertion();
        if (assertion == null) {
            return Optional.empty();
        }
        return timeProblem(assertion, config.getAllowedClockSkew())
                .or(() -> audienceProblem(assertion.getConditions(), spEntityId(config), response.getDestination()));
    }

    private Optional<String> timeProblem(AssertionType assertion, int skewSeconds) {
        ConditionsType conditions = assertion.getConditions();
        Optional<String> outside = conditions == null ? Optional.empty()
                : outsideValidity("assertion", conditions.getNotBefore(), conditions.getNotOnOrAfter(), skewSeconds);
        if (outside.isPresent() || assertion.getSubject() == null) {
            return outside;
        }
        return assertion.getSubject().getConfirmation().stream()
                .map(SubjectConfirmationType::getSubjectConfirmationData)
                .filter(Objects::nonNull)
                .map(data -> outsideValidity("subject confirmation", data.getNotBefore(), data.getNotOnOrAfter(), skewSeconds))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> outsideValidity(String what, XMLGregorianCalendar notBefore, XMLGregorianCalendar notOnOrAfter, int skewSeconds) {
        long now = Time.currentTimeMillis();
        long skew = skewSeconds * 1000L;
        boolean early = notBefore != null && now + skew < millis(notBefore);
        boolean late = notOnOrAfter != null && now - skew >= millis(notOnOrAfter);
        if (!early && !late) {
            return Optional.empty();
        }
        long offBy = (early ? millis(notBefore) - now : now - millis(notOnOrAfter)) / 1000;
        return Optional.of("Clock skew: the IdP's " + what + " is valid " + validity(notBefore, notOnOrAfter) + ", but this server's clock reads "
                + TIME.format(Instant.ofEpochMilli(now)) + " (" + (early ? "valid only in " + offBy + " s" : "expired " + offBy + " s ago")
                + "; the connection allows " + skewSeconds + " s of skew). Check that the IdP's clock is "
                + "synchronised, or raise the connection's allowed clock skew.");
    }

    private static String validity(XMLGregorianCalendar notBefore, XMLGregorianCalendar notOnOrAfter) {
        String from = notBefore == null ? "" : "from " + TIME.format(Instant.ofEpochMilli(millis(notBefore)));
        String until = notOnOrAfter == null ? "" : "until " + TIME.format(Instant.ofEpochMilli(millis(notOnOrAfter)));
        return (from + " " + until).trim();
    }

    private static Optional<String> audienceProblem(ConditionsType conditions, String spEntityId, String destination) {
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.getConditions().stream()
                .filter(AudienceRestrictionType.class::isInstance)
                .map(c -> ((AudienceRestrictionType) c).getAudience().stream().map(URI::toString).toList())
                .filter(audiences -> !audiences.contains(spEntityId) && (destination == null || !audiences.contains(destination)))
                .findFirst()
                .map(audiences -> wrongAudience(audiences, spEntityId));
    }

    private static String wrongAudience(List<String> audiences, String spEntityId) {
        return "Wrong audience: the IdP's assertion is addressed to " + String.join(", ", audiences) + ", but this connection's SP entity ID is "
                + spEntityId + ". In the IdP's app settings, set the Audience URI (SP Entity ID) to " + spEntityId + ".";
    }

    /** The entity ID Keycloak's SAML broker accepts as audience: the connection's, else the realm's URL. */
    private String spEntityId(SAMLIdentityProviderConfig config) {
        if (config.getEntityId() != null && !config.getEntityId().isEmpty()) {
            return config.getEntityId();
        }
        return session.getContext().getUri().getBaseUriBuilder().path("realms").path(session.getContext().getRealm().getName()).build().toString();
    }

    private ResponseType response() {
        HttpRequest request = session.getContext().getHttpRequest();
        String posted = "POST".equals(request.getHttpMethod())
                ? request.getDecodedFormParameters().getFirst(GeneralConstants.SAML_RESPONSE_KEY) : null;
        String redirected = session.getContext().getUri().getQueryParameters().getFirst(GeneralConstants.SAML_RESPONSE_KEY);
        SAMLDocumentHolder holder = posted != null ? SAMLRequestParser.parseResponsePostBinding(posted)
                : redirected != null ? SAMLRequestParser.parseResponseRedirectBinding(redirected) : null;
        return holder != null && holder.getSamlObject() instanceof ResponseType response ? response : null;
    }

    private static long millis(XMLGregorianCalendar time) {
        return time.toGregorianCalendar().getTimeInMillis();
    }
}
