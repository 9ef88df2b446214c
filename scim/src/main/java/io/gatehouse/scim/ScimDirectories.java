package io.gatehouse.scim;

import io.gatehouse.events.EventStream;
import io.gatehouse.events.EventTypes;
import io.gatehouse.org.AdminInvitations;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.org.OrgRequestException;
import io.gatehouse.org.RoleGroups;
import io.gatehouse.secrets.Secrets;
import io.gatehouse.scim.persistence.ScimDirectoryEntity;
import io.gatehouse.scim.persistence.ScimTokenEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.Urls;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An organization's SCIM directories and their bearer tokens. A directory has any number of
 * tokens, so a new one can be rolled out before the old one is revoked.
 */
public final class ScimDirectories {

    public static final String SCIM_PATH = "gatehouse-scim";
    private static final String TOKEN_PREFIX = "ghscim_";
    private static final Logger LOG = Logger.getLogger(ScimDirectories.class);
    private static final int MAX_NAME = 255;
    private static final int MAX_ERROR = 1024;
    private static final long LAST_USED_RESOLUTION_MS = 60_000;

    private final KeycloakSession session;

    public ScimDirectories(KeycloakSession session) {
        this.session = session;
    }

    public ScimDirectory.Created create(String orgId, String name, String oauthClientId) {
        Org org = organizations().get(orgId);
        ScimDirectoryEntity directory = new ScimDirectoryEntity();
        directory.setId(KeycloakModelUtils.generateId());
        directory.setRealmId(realm().getId());
        directory.setOrgId(orgId);
        directory.setName(validName(name));
        directory.setClientId(validClient(oauthClientId));
        directory.setCreatedAt(Time.currentTimeMillis());
        em().persist(directory);
        ScimDirectory.MintedToken token = mint(directory);
        defaultRoleGroup(org);
        LOG.infof("Created SCIM directory '%s' for organization '%s'", directory.getId(), orgId);
        event(EventTypes.DIRECTORY_CREATED, directory);
        return new ScimDirectory.Created(directory.getId(), orgId, directory.getName(), baseUrl(directory.getId()),
                directory.getClientId(), token.id(), token.token());
    }

    public List<ScimDirectory> list(String orgId) {
        organizations().get(orgId);
        List<ScimDirectoryEntity> directories = em().createNamedQuery("ghScimDirectoriesByOrg", ScimDirectoryEntity.class)
                .setParameter("orgId", orgId).getResultList();
        if (directories.isEmpty()) {
            return List.of();
        }
        Map<String, List<ScimDirectory.Token>> tokens = em().createNamedQuery("ghScimTokensByDirectories", ScimTokenEntity.class)
                .setParameter("directoryIds", directories.stream().map(ScimDirectoryEntity::getId).toList())
                .getResultStream()
                .collect(Collectors.groupingBy(ScimTokenEntity::getDirectoryId,
                        Collectors.mapping(t -> new ScimDirectory.Token(t.getId(), t.getCreatedAt(), t.getLastUsedAt()), Collectors.toList())));
        return directories.stream().map(d -> view(d, tokens.getOrDefault(d.getId(), List.of()))).toList();
    }

    public void delete(String orgId, String directoryId) {
        ScimDirectoryEntity directory = directory(orgId, directoryId);
        em().remove(directory);
        event(EventTypes.DIRECTORY_DELETED, directory);
        LOG.infof("Deleted SCIM directory '%s' of organization '%s'", directoryId, orgId);
    }

    /** A directory as the management API names it; never a token. */
    private void event(String type, ScimDirectoryEntity directory) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", directory.getId());
        data.put("organizationId", directory.getOrgId());
        data.put("name", directory.getName());
        data.put("baseUrl", baseUrl(directory.getId()));
        data.put("oauthClientId", directory.getClientId());
        new EventStream(session).record(realm(), directory.getOrgId(), type, data);
    }

    public ScimDirectory.MintedToken mintToken(String orgId, String directoryId) {
        return mint(directory(orgId, directoryId));
    }

    public void revokeToken(String orgId, String directoryId, String tokenId) {
        ScimTokenEntity token = em().find(ScimTokenEntity.class, tokenId);
        if (token == null || !token.getDirectoryId().equals(directory(orgId, directoryId).getId())) {
            throw OrgRequestException.notFound("token_not_found", "This directory has no token '" + tokenId + "'.");
        }
        em().remove(token);
        LOG.infof("Revoked token '%s' of SCIM directory '%s'", tokenId, directoryId);
    }

    /**
     * The directory, if the bearer token is one of its live tokens. Records when the token was used.
     * The token and its directory come in one query: every SCIM request starts here.
     */
    public Optional<ScimDirectoryEntity> authenticate(String directoryId, String bearerToken) {
        String hash = Secrets.hash(bearerToken);
        List<Object[]> found = em().createNamedQuery("ghScimTokenByHashWithDirectory", Object[].class)
                .setParameter("hash", hash).setMaxResults(1).getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ScimTokenEntity token = (ScimTokenEntity) found.get(0)[0];
        ScimDirectoryEntity directory = (ScimDirectoryEntity) found.get(0)[1];
        boolean valid = Secrets.sameHash(token.getTokenHash(), hash) && token.getDirectoryId().equals(directoryId)
                && directory.getRealmId().equals(realm().getId());
        if (!valid) {
            return Optional.empty();
        }
        touch(token);
        return Optional.of(directory);
    }

    /** The directory in this realm, for a request authenticated some other way (an OAuth client bound to it). */
    public Optional<ScimDirectoryEntity> find(String directoryId) {
        return Optional.ofNullable(em().find(ScimDirectoryEntity.class, directoryId))
                .filter(d -> d.getRealmId().equals(realm().getId()));
    }

    /**
     * Records a successful write, to the minute: writing the row on every request would make a
     * directory's parallel requests wait for each other's commit.
     */
    public void recordSync(ScimDirectoryEntity directory) {
        long now = Time.currentTimeMillis();
        if (directory.getLastSyncAt() == null || now - directory.getLastSyncAt() > LAST_USED_RESOLUTION_MS) {
            directory.setLastSyncAt(now);
        }
    }

    /** Records a refused request. Runs in a transaction of its own: the request's own is rolled back. */
    public static void recordError(KeycloakSession session, String directoryId, String error) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), own -> {
            ScimDirectoryEntity directory = own.getProvider(JpaConnectionProvider.class).getEntityManager()
                    .find(ScimDirectoryEntity.class, directoryId);
            if (directory != null) {
                directory.setLastErrorAt(Time.currentTimeMillis());
                directory.setLastError(error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error);
            }
        });
    }

    public String baseUrl(String directoryId) {
        return Urls.realmBase(session.getContext().getUri().getBaseUri())
                .path(realm().getName()).path(SCIM_PATH).path(directoryId).build().toString();
    }

    private ScimDirectory.MintedToken mint(ScimDirectoryEntity directory) {
        String secret = Secrets.mint(TOKEN_PREFIX);
        ScimTokenEntity token = new ScimTokenEntity();
        token.setId(KeycloakModelUtils.generateId());
        token.setDirectoryId(directory.getId());
        token.setTokenHash(Secrets.hash(secret));
        token.setCreatedAt(Time.currentTimeMillis());
        em().persist(token);
        return new ScimDirectory.MintedToken(token.getId(), secret, token.getCreatedAt());
    }

    private static void touch(ScimTokenEntity token) {
        long now = Time.currentTimeMillis();
        if (token.getLastUsedAt() == null || now - token.getLastUsedAt() > LAST_USED_RESOLUTION_MS) {
            token.setLastUsedAt(now);
        }
    }

    private ScimDirectoryEntity directory(String orgId, String directoryId) {
        organizations().get(orgId);
        ScimDirectoryEntity directory = em().find(ScimDirectoryEntity.class, directoryId);
        if (directory == null || !directory.getOrgId().equals(orgId)) {
            throw OrgRequestException.notFound("directory_not_found", "This organization has no SCIM directory '" + directoryId + "'.");
        }
        return directory;
    }

    private ScimDirectory view(ScimDirectoryEntity d, List<ScimDirectory.Token> tokens) {
        return new ScimDirectory(d.getId(), d.getOrgId(), d.getName(), baseUrl(d.getId()), d.getClientId(), d.getCreatedAt(),
                d.getLastSyncAt(), d.getLastErrorAt(), d.getLastError(), tokens);
    }

    private static String validName(String name) {
        if (name == null || name.isBlank()) {
            return "SCIM directory";
        }
        if (name.length() > MAX_NAME) {
            throw OrgRequestException.invalid("invalid_name", "A directory name has at most " + MAX_NAME + " characters.");
        }
        return name.strip();
    }

    private String validClient(String clientId) {
        if (clientId == null || clientId.isBlank()) {
            return null;
        }
        if (realm().getClientByClientId(clientId) == null) {
            throw OrgRequestException.invalid("unknown_client", "This realm has no client '" + clientId + "' to bind to the directory.");
        }
        return clientId;
    }

    /**
     * The group every member the directory creates joins: created now, so that the parallel creates
     * of the directory's first push find it instead of racing to create it (the losers would fail).
     */
    private void defaultRoleGroup(Org org) {
        String role = org.policies().defaultRole();
        if (AdminInvitations.isAdminRole(role)) {
            return;
        }
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        RoleGroups.ensure(session, provider, provider.getById(org.id()), role);
    }

    private GatehouseOrganizations organizations() {
        return session.getProvider(GatehouseOrganizations.class);
    }

    private RealmModel realm() {
        return session.getContext().getRealm();
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
