package io.gatehouse.it.support;

/**
 * The smallest SAML IdP metadata a connection accepts: an entity ID, a signing certificate and a
 * single sign-on URL on loopback (the tests' allowed network). Pasted as XML, so creating a
 * connection needs no IdP to answer.
 */
public final class SamlIdpMetadata {

    /** A self-signed test certificate; no login ever reaches the IdP it stands for. */
    private static final String CERTIFICATE = "MIIDGTCCAgGgAwIBAgIUIgeKHq2A84VevU1R4yme8ZQVPRcwDQYJKoZIhvcNAQELBQAwGzEZMBcGA1UEAwwQaG9zdGlsZS1pZHAudGVzdDAgFw0yNjEyMDExMTE0MjRaGA8yMTI2MTEwNzExMTQyNFowGzEZMBcGA1UEAwwQaG9zdGlsZS1pZHAudGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAJbQij4MkKQzVoXlqIKevhVl8jmAwsWf2AfeUMUSEcM++WRjBbr6O4b/irDmdcq4NoGrd5Aa2R6lkym0/UE0NQHtNoOCMOPsLAcaMoO6GskDraYBdHvPMBsGzQ1Cnl0NQo1LEkBje2jfQMXuzB/LXW5aPOXRVB+9dldwM2Lwe+/tomSd0ox0H5cjK2k+poibg/Py4iWRVPYBFscfezvrUDoZmfIiVdDanMEq9+A6WYdkwIqNM7pQ4klOsxoaz7rrkK26P+34thnqA5aoay8rqzyXq4PlgIQ7bs7G2v/ikimX0R7m9gU+r/7apqqBUcm43BkFgsOfhFSKBE3c9737vV8CAwEAAaNTMFEwHQYDVR0OBBYEFH7lRUQkbC450eUnHt4Sn44vm94GMB8GA1UdIwQYMBaAFH7lRUQkbC450eUnHt4Sn44vm94GMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAB9dJsjiO0a4zwt19YgnemKyPwMJH6qvpzdvgOKcCyZnbUr3BfKsdB6hVRFKjeRr7psHz6yBngRykgJZ+hvvA0Ls5rJk7srVL6yrJemoYhgyrpClV08bRPiyEpkDLkM+vODVMahUImYGYdzwyjlxZdyrplYkrYTdFH1rVZqZeScsPoR5wMyEncb7Nue17vlaTb7glW8vzyRgk9YnOpL4wOMMf5aX7SgCDGCFwjYM2yjUTjeRCTgG2UX0r7h8wYWW9SpX9tOUIlX+Y109m6zuOM1bMVmwC2MMktEXf4SbwxYoep7OFTnPujwJlOOBtedULzKn+4YMiXqB1vgS33/45wA=";

    private SamlIdpMetadata() {
    }

    public static String of(String entityId) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + CERTIFICATE
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"http://127.0.0.1:9/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }
}
