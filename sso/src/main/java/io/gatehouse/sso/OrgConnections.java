package io.gatehouse.sso;

import io.gatehouse.org.GatehouseOrganizationsFactory;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.outbound.DocumentFetcher;
import org.jboss.logging.Logger;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.IdentityProvider;
import org.keycloak.broker.provider.IdentityProviderFactory;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.protocol.saml.SamlPrincipalType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.Urls;

import io.gatehouse.persistence.ConnectionStatusEntity;
import io.gatehouse.persistence.ConnectionStatuses;

import java.time.Instant;
import java.util.Optional;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An organization's SSO connections: Keycloak identity providers, created with secure defaults
 * from the customer's metadata, linked to the organization, and guarded by the domain check.
 */
public final class OrgConnections {

    private static final Logger LOG = Logger.getLogger(OrgConnections.class);
    private static final String EMAIL_NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";
    private static final int MAX_DOCUMENT = DocumentFetcher.MAX_BYTES;
    private static final int MAX_REASON = 200;

    private final KeycloakSession session;
    private final IdpDocumentUrls urls;

    public OrgConnections(KeycloakSession session) {
        this.session = session;
        this.urls = new IdpDocumentUrls(GatehouseOrganizationsFactory.outbound(session));
    }

    /** A new connection is a draft ({@link ConnectionStates}); {@code actor} is who created it, as the activity log names them. */
    public Connection create(String orgId, NewConnection request, String actor) {
        OrganizationModel org = org(orgId);
        IdentityProviderModel idp = request instanceof NewConnection.Saml saml ? saml(org, saml) : oidc(org, (NewConnection.Oidc) request);
        idp.setEnabled(true);
        idp.setTrustEmail(false);
        AuthenticationFlowModel recheck = realm().getFlowByAlias(OrgDomainRecheckAuthenticatorFactory.FLOW_ALIAS);
        if (recheck != null) {
            idp.setPostBrokerLoginFlowId(recheck.getId());
        }
        validateAsKeycloak(idp);
        IdentityProviderModel created = session.identityProviders().create(idp);
        // Linking through Keycloak's organization provider keeps its caches right; saving the link is what
        // attaches the domain enforcement (EnforcementGuardFactory), as for any other org-linked IdP.
        organizations().addIdentityProvider(org, created);
        new ConnectionStates(session).startAsDraft(created, actor);
        LOG.infof("Created %s connection '%s' for organization '%s'", created.getProviderId(), created.getAlias(), org.getId());
        return view(created);
    }

    /**
     * What a new connection of this type ({@code saml} or {@code oidc}) will have the customer paste
     * into their IdP, before they have metadata to give: the customer's IdP needs our ACS URL first.
     */
    public Connection preview(String orgId, String type) {
        if (!"saml".equals(type) && !"oidc".equals(type)) {
            throw OrgRequestException.invalid("invalid_type", "type must be 'saml' or 'oidc'.");
        }
        return view(model(org(orgId), type, Map.of()));
    }

    public List<Connection> list(String orgId) {
        return org(orgId).getIdentityProviders().map(this::view).toList();
    }

    public void delete(String orgId, String connectionId) {
        session.identityProviders().remove(connection(orgId, connectionId).getAlias());
    }

    /**
     * An admin starts ({@code "active"}) or stops ({@code "inactive"}) one of the org's connections.
     *
     * @return the connection as it is now
     * @throws OrgRequestException invalid for another state, a conflict when the connection's state does not allow it
     */
    public Connection setState(String orgId, String connectionId, String state, String actor) {
        IdentityProviderModel idp = connection(orgId, connectionId);
        ConnectionState target = ConnectionState.requested(state).orElseThrow(() -> OrgRequestException.invalid("invalid_state",
                "state must be 'active' or 'inactive'; a connection is a draft only until its first passing test."));
        new ConnectionStates(session).set(idp, target, actor);
        return view(idp);
    }

    private IdentityProviderModel connection(String orgId, String connectionId) {
        return org(orgId).getIdentityProviders()
                .filter(i -> i.getAlias().equals(connectionId))
                .findFirst()
                .orElseThrow(() -> OrgRequestException.notFound("connection_not_found",
                        "This organization has no connection '" + connectionId + "'."));
    }

    private IdentityProviderModel saml(OrganizationModel org, NewConnection.Saml request) {
        String xml = document(request.metadataUrl(), request.metadataXml(), "metadataUrl", "metadataXml");
        Map<String, String> parsed;
        try {
            parsed = factory(SAMLIdentityProviderFactory.PROVIDER_ID).parseConfig(session, xml);
        } catch (RuntimeException e) {
            throw OrgRequestException.invalid("invalid_metadata", "The SAML metadata could not be read: it must be an EntityDescriptor with an IDPSSODescriptor.");
        }
        SAMLIdentityProviderConfig config = new SAMLIdentityProviderConfig(model(org, "saml", parsed));
        if (config.getSingleSignOnServiceUrl() == null) {
            throw OrgRequestException.invalid("invalid_metadata", "The SAML metadata names no SingleSignOnService.");
        }
        urls.checkSamlEndpoints(config.getConfig());
        if (config.getSigningCertificate() == null || config.getSigningCertificate().isBlank()) {
            throw OrgRequestException.invalid("invalid_metadata",
                    "The SAML metadata has no signing certificate, so assertions could not be verified.");
        }
        config.setValidateSignature(true);
        config.setWantAssertionsSigned(true);
        config.setNameIDPolicyFormat(EMAIL_NAME_ID);
        config.setPrincipalType(SamlPrincipalType.SUBJECT);
        config.setPostBindingResponse(true);
        config.setPostBindingAuthnRequest(true);
        config.setSyncMode(IdentityProviderSyncMode.FORCE);
        config.setLoginHint(true);
        if (request.emailAttribute() != null && !request.emailAttribute().isBlank()) {
            config.getConfig().put(ConnectionSettings.SAML_EMAIL_ATTRIBUTE, request.emailAttribute());
        }
        return config;
    }

    private IdentityProviderModel oidc(OrganizationModel org, NewConnection.Oidc request) {
        if (blank(request.clientId()) || blank(request.clientSecret())) {
            throw OrgRequestException.invalid("missing_client", "clientId and clientSecret are required for an OIDC connection.");
        }
        String discovery = document(request.discoveryUrl(), null, "discoveryUrl", null);
        Map<String, String> parsed;
        try {
            parsed = factory(OIDCIdentityProviderFactory.PROVIDER_ID).parseConfig(session, discovery);
        } catch (RuntimeException e) {
            throw OrgRequestException.invalid("invalid_discovery", "The OIDC discovery document could not be read as JSON.");
        }
        IdentityProviderModel model = model(org, "oidc", parsed);
        Map<String, String> config = model.getConfig();
        if (blank(config.get("authorizationUrl")) || blank(config.get("tokenUrl")) || blank(config.get("jwksUrl"))) {
            throw OrgRequestException.invalid("invalid_discovery",
                    "The OIDC discovery document must name authorization_endpoint, token_endpoint and jwks_uri.");
        }
        urls.checkOidcEndpoints(config);
        config.put("clientId", request.clientId());
        config.put("clientSecret", request.clientSecret());
        config.put("clientAuthMethod", "client_secret_post");
        config.put("pkceEnabled", "true");
        config.put("pkceMethod", "S256");
        config.put("validateSignature", "true");
        config.put("useJwksUrl", "true");
        config.put("defaultScope", "openid email profile");
        config.put("syncMode", "FORCE");
        config.put("loginHint", "true");
        if (request.emailFromUpnOrPreferredUsername()) {
            config.put(ConnectionSettings.EMAIL_FALLBACK, "true");
        }
        return model;
    }

    private IdentityProviderModel model(OrganizationModel org, String type, Map<String, String> config) {
        IdentityProviderModel model = new IdentityProviderModel();
        model.setAlias(freeAlias(org.getAlias() + "-" + type));
        model.setDisplayName(org.getName());
        model.setProviderId(type);
        model.setConfig(new HashMap<>(config));
        return model;
    }

    private String freeAlias(String base) {
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
        String alias = clean;
        for (int n = 2; session.identityProviders().getByAlias(alias) != null; n++) {
            alias = clean + "-" + n;
        }
        return alias;
    }

    private String document(String url, String inline, String urlField, String inlineField) {
        if (!blank(inline)) {
            if (inline.length() > MAX_DOCUMENT) {
                throw OrgRequestException.invalid("document_too_large", inlineField + " is larger than " + MAX_DOCUMENT + " characters.");
            }
            return inline;
        }
        if (blank(url)) {
            throw OrgRequestException.invalid("missing_" + urlField,
                    inlineField == null ? urlField + " is required." : "Give " + urlField + " or " + inlineField + ".");
        }
        return urls.fetch(url, urlField);
    }

    /**
     * Keycloak's own checks of an identity provider's settings, which its admin API runs and
     * creating a provider through the model does not (the realm's SSL requirement among them).
     */
    private void validateAsKeycloak(IdentityProviderModel idp) {
        boolean saml = SAMLIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId());
        try {
            (saml ? new SAMLIdentityProviderConfig(idp) : new OIDCIdentityProviderConfig(idp)).validate(realm());
        } catch (IllegalArgumentException e) {
            throw OrgRequestException.invalid(saml ? "invalid_metadata" : "invalid_discovery",
                    "Keycloak refused the connection's settings: " + bounded(e.getMessage()));
        }
    }

    /** Keycloak's reasons name fields, not values; still, nothing unbounded or unprintable goes back. */
    private static String bounded(String reason) {
        String printable = reason == null ? "" : reason.replaceAll("\\p{Cntrl}", " ");
        return printable.length() > MAX_REASON ? printable.substring(0, MAX_REASON) + "..." : printable;
    }

    private Connection view(IdentityProviderModel idp) {
        URI base = session.getContext().getUri().getBaseUri();
        String realmName = realm().getName();
        String endpoint = Urls.identityProviderAuthnResponse(base, idp.getAlias(), realmName).toString();
        boolean saml = SAMLIdentityProviderFactory.PROVIDER_ID.equals(idp.getProviderId());
        String entityId = saml ? new SAMLIdentityProviderConfig(idp).getEntityId() : null;
        Optional<ConnectionStatusEntity> status = Optional.ofNullable(idp.getInternalId()).flatMap(new ConnectionStatuses(session)::find);
        ConnectionState state = status.map(ConnectionStatusEntity::getState).map(ConnectionState::stored).orElse(ConnectionState.ACTIVE);
        return new Connection(idp.getAlias(), idp.getProviderId(), idp.isEnabled(),
                saml ? (blank(entityId) ? Urls.realmIssuer(base, realmName) : entityId) : null,
                saml ? endpoint : null,
                saml ? endpoint + "/descriptor" : null,
                saml ? null : endpoint,
                status.map(ConnectionStatusEntity::getLastLoginAt).map(OrgConnections::instant).orElse(null),
                status.map(ConnectionStatusEntity::getLastErrorAt).map(OrgConnections::instant).orElse(null),
                status.map(ConnectionStatusEntity::getLastError).orElse(null),
                status.map(ConnectionStatusEntity::getDroppedAnswers).orElse(0L),
                idp.getInternalId() == null ? ConnectionState.DRAFT.code() : state.code(),
                status.map(ConnectionStatusEntity::getLastPassedTestAt).map(OrgConnections::instant).orElse(null));
    }

    private static String instant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    private IdentityProviderFactory<?> factory(String providerId) {
        return (IdentityProviderFactory<?>) session.getKeycloakSessionFactory()
                .getProviderFactory(IdentityProvider.class, providerId);
    }

    private OrganizationModel org(String orgId) {
        OrganizationModel org = orgId == null ? null : organizations().getById(orgId);
        if (org == null) {
            throw OrgRequestException.notFound("org_not_found", "No organization with id '" + orgId + "' in this realm.");
        }
        return org;
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
