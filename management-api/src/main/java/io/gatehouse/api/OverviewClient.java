package io.gatehouse.api;

import io.gatehouse.sso.OwnClients;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.representations.idm.ClientRepresentation;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The admin realm's public client {@value #CLIENT_ID} the overview page signs admins in with. It is
 * made and repaired when the server starts, never by a request, and it is narrow on purpose: it
 * redirects only to the page's one address (an exact URI: Keycloak ignores the query of a wildcard
 * match, so {@code /realms/*} let any Keycloak URL, such as a brokered login to a customer's own
 * IdP, carry a code to someone else), and its tokens carry only the admin roles in {@link #ROLES},
 * not the admin's full power.
 */
final class OverviewClient {

    static final String CLIENT_ID = "gatehouse-console";

    /**
     * The roles, of each realm's management client in the admin realm ({@code <realm>-realm}), a token of
     * this client may carry: what the page shows and changes, in Keycloak's own terms, and no more.
     * Every call the page makes needs the same rights as through the management API (README, "Management
     * API"): organizations for everything; users to list members; identity providers to list
     * connections; events for the activity log. Tokens also carry the read-only roles these include as
     * composites (query-groups, query-organizations). Left out on purpose: manage-realm and view-realm
     * (the realm's whole configuration; Keycloak accepts manage-realm for organizations too, so an admin
     * who has only that needs manage-organizations for the page), clients, authorization,
     * impersonation, realm-admin and create-realm.
     */
    static final List<String> ROLES = List.of(
            AdminRoles.VIEW_ORGANIZATIONS, AdminRoles.MANAGE_ORGANIZATIONS,
            AdminRoles.QUERY_USERS, AdminRoles.VIEW_USERS,
            AdminRoles.VIEW_IDENTITY_PROVIDERS,
            AdminRoles.VIEW_EVENTS);

    /**
     * Also carried for every realm but the admin realm: SCIM directories, admin invitations and support
     * accounts create or change users; SSO setup links and connections are identity providers. Never for
     * the admin realm's own management client: there manage-users would let a stolen page token reset
     * the server admins' passwords, and manage-identity-providers would let it add an IdP whose
     * hardcoded-role mapper makes its users server admins.
     */
    static final List<String> OUTSIDE_ADMIN_REALM = List.of(AdminRoles.MANAGE_USERS, AdminRoles.MANAGE_IDENTITY_PROVIDERS);

    private static final String ROOT_URL = "${authBaseUrl}";
    /** PKCE always; logging out returns to the page; no grant but the code flow. */
    private static final Map<String, String> ATTRIBUTES = Map.of(
            "pkce.code.challenge.method", "S256",
            "post.logout.redirect.uris", "+",
            "oauth2.device.authorization.grant.enabled", "false",
            "oidc.ciba.grant.enabled", "false");
    private static final Logger LOG = Logger.getLogger(OverviewClient.class);

    private OverviewClient() {
    }

    /** The page's one address, the client's only redirect URI, relative to {@code ${authBaseUrl}}. */
    static String pagePath() {
        return "/realms/" + Config.getAdminRealm() + "/" + OrgOverviewPage.PATH + "/";
    }

    /**
     * At server start: creates the client unless it is there and makes it what {@link #representation()}
     * says, whatever an older Gatehouse or an admin made of it. Two nodes starting at once both try;
     * the one that loses the race finds the other's work done.
     */
    static void keep(KeycloakSessionFactory factory) {
        KeycloakModelUtils.runJobInTransaction(factory, session ->
                OwnClients.ensure(session, Config.getAdminRealm(), CLIENT_ID, OverviewClient::representation));
        try {
            KeycloakModelUtils.runJobInTransaction(factory, OverviewClient::repair);
        } catch (ModelDuplicateException e) {
            LOG.debugf("Client '%s' was repaired by a parallel node", CLIENT_ID);
        }
    }

    /** A realm created now: the page's tokens may carry the {@link #ROLES} of its management client too. */
    static void scopeNewRealm(KeycloakSession session, RealmModel created) {
        ClientModel client = client(session);
        if (client == null) {
            return; // the admin realm itself, at first start: the start's repair scopes every realm
        }
        List<RoleModel> roles = rolesOf(session, created).filter(role -> !client.hasDirectScope(role)).toList();
        roles.forEach(client::addScopeMapping);
        LOG.infof("Client '%s' may carry %d roles of new realm '%s'", CLIENT_ID, roles.size(), created.getName());
    }

    private static void repair(KeycloakSession session) {
        ClientModel client = client(session);
        if (client == null) {
            return;
        }
        session.getContext().setRealm(client.getRealm());
        client.setPublicClient(true);
        client.setBearerOnly(false);
        client.setStandardFlowEnabled(true);
        client.setImplicitFlowEnabled(false);
        client.setDirectAccessGrantsEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setConsentRequired(false);
        client.setRootUrl(ROOT_URL);
        client.setBaseUrl(pagePath());
        client.setRedirectUris(Set.of(pagePath()));
        client.setWebOrigins(Set.of("+"));
        ATTRIBUTES.forEach(client::setAttribute);
        client.setFullScopeAllowed(false);
        List<RoleModel> allowed = session.realms().getRealmsStream().flatMap(realm -> rolesOf(session, realm)).toList();
        Set<String> allowedIds = allowed.stream().map(RoleModel::getId).collect(Collectors.toSet());
        client.getScopeMappingsStream().filter(role -> !allowedIds.contains(role.getId())).toList().forEach(client::deleteScopeMapping);
        allowed.stream().filter(role -> !client.hasDirectScope(role)).forEach(client::addScopeMapping);
        LOG.debugf("Client '%s' in realm '%s' redirects only to %s and carries %s", CLIENT_ID, Config.getAdminRealm(), pagePath(), ROLES);
    }

    /** The {@link #ROLES} (and, outside the admin realm, {@link #OUTSIDE_ADMIN_REALM}) of the realm's management client ({@code <realm>-realm} in the admin realm). */
    private static Stream<RoleModel> rolesOf(KeycloakSession session, RealmModel realm) {
        ClientModel management = realm.getMasterAdminClient();
        if (management == null) { // a realm just created may not have it linked yet
            management = client(session).getRealm().getClientByClientId(realm.getName() + "-realm");
        }
        if (management == null) {
            return Stream.empty();
        }
        Stream<String> names = Config.getAdminRealm().equals(realm.getName()) ? ROLES.stream()
                : Stream.concat(ROLES.stream(), OUTSIDE_ADMIN_REALM.stream());
        return names.map(management::getRole).filter(Objects::nonNull);
    }

    private static ClientModel client(KeycloakSession session) {
        RealmModel adminRealm = session.realms().getRealmByName(Config.getAdminRealm());
        return adminRealm == null ? null : adminRealm.getClientByClientId(CLIENT_ID);
    }

    private static ClientRepresentation representation() {
        ClientRepresentation client = new ClientRepresentation();
        client.setClientId(CLIENT_ID);
        client.setName("Gatehouse organization overview");
        client.setDescription("Signs admins in to Gatehouse's organization overview page. Gatehouse sets it up at each start: "
                + "redirect URI, scope and flows changed here are put back.");
        client.setProtocol("openid-connect");
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setFullScopeAllowed(false);
        client.setRootUrl(ROOT_URL);
        client.setBaseUrl(pagePath());
        client.setRedirectUris(List.of(pagePath()));
        client.setWebOrigins(List.of("+"));
        client.setAttributes(ATTRIBUTES);
        return client;
    }
}
