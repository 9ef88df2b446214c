package io.gatehouse.sso;

import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.common.util.Time;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AudienceRestrictionType;
import org.keycloak.dom.saml.v2.assertion.ConditionsType;
import org.keycloak.dom.saml.v2.assertion.NameIDType;
import org.keycloak.dom.saml.v2.assertion.SubjectConfirmationType;
import org.keycloak.dom.saml.v2.protocol.ResponseType;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.saml.SAMLRequestParser;
import org.keycloak.saml.common.constants.GeneralConstants;
import org.keycloak.saml.common.constants.JBossSAMLURIConstants;
import org.keycloak.saml.processing.core.saml.v2.common.SAMLDocumentHolder;
import org.keycloak.saml.validators.DestinationValidator;

import javax.xml.datatype.XMLGregorianCalendar;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says precisely why Keycloak's SAML broker refused an IdP's response, for the customer's IT admin
 * testing a connection. Keycloak reports a wrong issuer, a wrong audience and an assertion outside
 * its validity time all as one {@code invalid_saml_response} error; this reads the response of the
 * request being refused and names the first of those checks it fails, with the settings Keycloak
 * checks it with (the connection's IdP entity ID, its SP entity ID, its allowed clock skew). It
 * echoes nothing the response says but times and, from an assertion whose signature Keycloak has
 * verified, its audiences. Encrypted assertions are not read: for them the general reason stands.
 */
final class SamlResponseDiagnosis {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final int MAX_ECHOED = 200;
    private static final DestinationValidator SAME_URI = DestinationValidator.forProtocolMap(null);

    private final KeycloakSession session;
    private final SAMLIdentityProviderConfig config;

    SamlResponseDiagnosis(KeycloakSession session, SAMLIdentityProviderConfig config) {
        this.session = session;
        this.config = config;
    }

    /** The reason the SAML response in the current request was refused, if it shows one. */
    Optional<String> explain() {
        ResponseType response = response();
        if (response == null) {
            return Optional.empty();
        }
        AssertionType assertion = response.getAssertions().isEmpty() ? null : response.getAssertions().get(0).getAssertion();
        if (!fromIdp(response.getIssuer()) || assertion != null && !fromIdp(assertion.getIssuer())) {
            return Optional.of("Wrong issuer: the response does not name this connection's IdP (" + config.getIdpEntityId()
                    + ") as its issuer. Connect again with the IdP's current metadata.");
        }
        if (assertion == null) {
            return Optional.empty();
        }
        return subjectConfirmationTime(assertion)
                .or(() -> Optional.ofNullable(assertion.getConditions())
                        .flatMap(c -> outsideValidity("assertion", c.getNotBefore(), c.getNotOnOrAfter())))
                .or(() -> audienceProblem(assertion.getConditions(), response.getDestination()));
    }

    private boolean fromIdp(NameIDType issuer) {
        return config.getIdpEntityId() == null || issuer != null && config.getIdpEntityId().equals(issuer.getValue());
    }

    /** Keycloak checks the first bearer subject confirmation, before the assertion's conditions. */
    private Optional<String> subjectConfirmationTime(AssertionType assertion) {
        if (assertion.getSubject() == null) {
            return Optional.empty();
        }
        return assertion.getSubject().getConfirmation().stream()
                .filter(c -> JBossSAMLURIConstants.SUBJECT_CONFIRMATION_BEARER.get().equals(c.getMethod()))
                .findFirst()
                .map(SubjectConfirmationType::getSubjectConfirmationData)
                .flatMap(data -> outsideValidity("subject confirmation", data.getNotBefore(), data.getNotOnOrAfter()));
    }

    private Optional<String> outsideValidity(String what, XMLGregorianCalendar notBefore, XMLGregorianCalendar notOnOrAfter) {
        long now = Time.currentTimeMillis();
        int skewSeconds = config.getAllowedClockSkew();
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

    /** Every audience restriction must name this connection, as its SP entity ID or its ACS URL. */
    private Optional<String> audienceProblem(ConditionsType conditions, String destination) {
        if (conditions == null) {
            return Optional.empty();
        }
        String spEntityId = spEntityId();
        return conditions.getConditions().stream()
                .filter(AudienceRestrictionType.class::isInstance)
                .map(c -> ((AudienceRestrictionType) c).getAudience())
                .filter(audiences -> audiences.stream().noneMatch(a -> SAME_URI.validate(spEntityId, a)
                        || destination != null && SAME_URI.validate(destination, a)))
                .findFirst()
                .map(audiences -> "Wrong audience: the IdP's assertion is addressed to " + echoed(audiences)
                        + ", but this connection's SP entity ID is " + spEntityId + ". In the IdP's app settings, set the Audience URI "
                        + "(SP Entity ID) to " + spEntityId + ".");
    }

    private static String echoed(List<URI> audiences) {
        String all = audiences.stream().limit(3).map(URI::toString).collect(Collectors.joining(", "));
        return all.length() > MAX_ECHOED ? all.substring(0, MAX_ECHOED) + "…" : all;
    }

    /** The entity ID Keycloak's SAML broker accepts as audience: the connection's, else the realm's URL. */
    private String spEntityId() {
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
