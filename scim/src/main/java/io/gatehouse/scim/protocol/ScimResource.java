package io.gatehouse.scim.protocol;

import de.captaingoldfish.scim.sdk.common.constants.enums.HttpMethod;
import de.captaingoldfish.scim.sdk.common.exceptions.BadRequestException;
import de.captaingoldfish.scim.sdk.common.exceptions.ResponseException;
import de.captaingoldfish.scim.sdk.common.response.ErrorResponse;
import de.captaingoldfish.scim.sdk.common.response.ScimResponse;
import de.captaingoldfish.scim.sdk.server.endpoints.Context;
import io.gatehouse.events.JoinedBy;
import io.gatehouse.org.GatehouseOrganizations;
import io.gatehouse.org.Org;
import io.gatehouse.persistence.DatabaseOutage;
import io.gatehouse.scim.ScimDirectories;
import io.gatehouse.scim.persistence.ScimDirectoryEntity;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code /realms/{realm}/gatehouse-scim/{directoryId}/...}: the base URL a customer pastes into
 * Okta or Entra ID. Authenticates the caller as one directory, bounds the request body, hands the
 * request to the SCIM engine, and makes sure a refused request writes nothing and is recorded.
 */
public final class ScimResource {

    private static final Logger LOG = Logger.getLogger(ScimResource.class);
    private static final String SCIM_JSON = "application/scim+json";
    private static final String RETRY_AFTER_SECONDS = "30";

    private final KeycloakSession session;
    private final ScimEngine engine;
    private final long maxRequestBytes;

    ScimResource(KeycloakSession session, ScimEngine engine, long maxRequestBytes) {
        this.session = session;
        this.engine = engine;
        this.maxRequestBytes = maxRequestBytes;
    }

    @GET
    @Path("{directoryId}/{path: .+}")
    public Response get(@PathParam("directoryId") String directoryId, @PathParam("path") String path) {
        return handle(directoryId, path, HttpMethod.GET, null);
    }

    @POST
    @Path("{directoryId}/{path: .+}")
    public Response post(@PathParam("directoryId") String directoryId, @PathParam("path") String path, InputStream body) {
        return handle(directoryId, path, HttpMethod.POST, body);
    }

    @PUT
    @Path("{directoryId}/{path: .+}")
    public Response put(@PathParam("directoryId") String directoryId, @PathParam("path") String path, InputStream body) {
        return handle(directoryId, path, HttpMethod.PUT, body);
    }

    @PATCH
    @Path("{directoryId}/{path: .+}")
    public Response patch(@PathParam("directoryId") String directoryId, @PathParam("path") String path, InputStream body) {
        return handle(directoryId, path, HttpMethod.PATCH, body);
    }

    @DELETE
    @Path("{directoryId}/{path: .+}")
    public Response delete(@PathParam("directoryId") String directoryId, @PathParam("path") String path) {
        return handle(directoryId, path, HttpMethod.DELETE, null);
    }

    private Response handle(String directoryId, String endpointPath, HttpMethod method, InputStream body) {
        try {
            return authenticatedAnswer(directoryId, endpointPath, method, body);
        } catch (RuntimeException e) {
            if (DatabaseOutage.causedBy(e)) {
                return unavailable(e);
            }
            throw e;
        }
    }

    private Response authenticatedAnswer(String directoryId, String endpointPath, HttpMethod method, InputStream body) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        Optional<ScimDirectoryEntity> directory = CallerCheck.directory(session, directoryId, headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        Optional<DirectoryScope> scope = directory.flatMap(this::scope);
        if (scope.isEmpty()) {
            ErrorResponse unauthenticated = new ErrorResponse(new ResponseException("A valid bearer token of this directory is required.", 401, null));
            unauthenticated.getHttpHeaders().put(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + ScimDirectories.SCIM_PATH + "\"");
            return build(unauthenticated);
        }
        JoinedBy.forRequest(session, JoinedBy.SCIM);
        if (method != HttpMethod.GET && DiscoveryEndpoints.isDiscovery(endpointPath)) {
            return refuse(scope.get(), method, DiscoveryEndpoints.readOnly(method));
        }
        Optional<String> requestBody = body == null ? Optional.of("") : readBounded(body, headers);
        if (requestBody.isEmpty()) {
            return refuse(scope.get(), method, new ErrorResponse(new ResponseException(
                    "The request body is larger than " + maxRequestBytes + " bytes.", 413, null)));
        }
        if (method == HttpMethod.PATCH) {
            Optional<ErrorResponse> malformed = PatchDocuments.refusal(requestBody.get(), engine.resourceType(endpointPath));
            if (malformed.isPresent()) {
                return refuse(scope.get(), method, malformed.get());
            }
        }
        Optional<IdPaging> idPaging;
        try {
            idPaging = method == HttpMethod.GET ? IdPaging.of(endpointPath, session.getContext().getUri().getQueryParameters()) : Optional.empty();
        } catch (BadRequestException refused) {
            return refuse(scope.get(), method, new ErrorResponse(refused));
        }
        idPaging.ifPresent(scope.get()::pageById);
        ScimResponse response = engine.endpoint().handleRequest(session.getContext().getUri().getRequestUri().toString(), method,
                requestBody.get().isEmpty() ? null : requestBody.get(), headers(headers), new Context(scope.get()));
        ErrorTypes.correct(response, method, session.getContext().getUri().getQueryParameters().containsKey("filter")
                || (method == HttpMethod.POST && path().endsWith("/.search")));
        if (response.getHttpStatus() == 200) {
            idPaging.ifPresent(paging -> paging.answer(response));
        }
        return answer(scope.get(), method, response);
    }

    private Response answer(DirectoryScope scope, HttpMethod method, ScimResponse response) {
        int status = response.getHttpStatus();
        if (response instanceof ErrorResponse error && DatabaseOutage.causedBy(error.getScimException())) {
            return unavailable(error.getScimException());
        }
        if (status == 501) {
            // an operation the service provider does not offer, such as bulk (RFC 7644, 3.12): the engine's own error says which
            return refuse(scope, method, response);
        }
        if (status >= 500) {
            LOG.errorf("SCIM request of directory '%s' failed: %s", scope.directoryId(), response);
            return refuse(scope, method, new ErrorResponse(new ResponseException("The request could not be completed. It changed nothing.", 500, null)));
        }
        if (status >= 400) {
            return refuse(scope, method, response);
        }
        String body = body(response);
        if (isWrite(method)) {
            new ScimDirectories(session).recordSync(scope.directory());
            ScimAudit.succeeded(session, write(scope, method, response), body);
        }
        return build(response, body);
    }

    /**
     * The database is out of reach: the request changed nothing and the client should send it again
     * later, as Okta and Entra ID do with a 503. Nothing is recorded, since there is nowhere to
     * record it.
     */
    private Response unavailable(Throwable outage) {
        session.getTransactionManager().setRollbackOnly();
        LOG.warnf("SCIM request answered 503, the database is unavailable: %s", outage.getMessage());
        ErrorResponse unavailable = new ErrorResponse(new ResponseException(
                "The directory's database is unavailable. Nothing was changed; send the request again later.", 503, null));
        unavailable.getHttpHeaders().put(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        return build(unavailable);
    }

    /**
     * A refused request changes nothing. It leaves its reason in the directory's status and, for a
     * write, in an admin event and the organization's activity log.
     */
    private Response refuse(DirectoryScope scope, HttpMethod method, ScimResponse error) {
        session.getTransactionManager().setRollbackOnly();
        String reason = error.path("detail").asText("HTTP " + error.getHttpStatus());
        ScimDirectories.recordError(session, scope.directoryId(), method + " " + path() + ": " + reason);
        if (isWrite(method)) {
            ScimAudit.refused(session, write(scope, method, null), reason);
        }
        return build(error);
    }

    private static Response build(ScimResponse response) {
        return build(response, body(response));
    }

    /** {@code body} is {@link #body} of {@code response}, serialized once for the answer and the audit. */
    private static Response build(ScimResponse response, String body) {
        Response.ResponseBuilder answer = Response.status(response.getHttpStatus());
        response.getHttpHeaders().forEach(answer::header);
        if (body != null) {
            answer.entity(body).type(SCIM_JSON);
        }
        return answer.build();
    }

    private static String body(ScimResponse response) {
        return response.isEmpty() ? null : response.toString();
    }

    private ScimAudit.Write write(DirectoryScope scope, HttpMethod method, ScimResponse response) {
        String path = path();
        boolean groups = path.contains("/Groups");
        String id = response != null && response.has("id") ? response.get("id").asText() : lastSegment(path);
        OperationType operation = switch (method) {
            case POST -> OperationType.CREATE;
            case DELETE -> OperationType.DELETE;
            default -> OperationType.UPDATE;
        };
        return new ScimAudit.Write(scope.directoryId(), scope.directory().getName(), scope.org().id(), operation, groups ? ResourceType.GROUP : ResourceType.USER,
                (groups ? "groups/" : "users/") + id, session.getContext().getConnection().getRemoteAddr());
    }

    private Optional<DirectoryScope> scope(ScimDirectoryEntity directory) {
        Optional<Org> org = session.getProvider(GatehouseOrganizations.class).find(directory.getOrgId());
        OrganizationModel organization = session.getProvider(OrganizationProvider.class).getById(directory.getOrgId());
        if (org.isEmpty() || organization == null || !organization.isEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new DirectoryScope(session, directory, org.get(), organization));
    }

    private Optional<String> readBounded(InputStream body, HttpHeaders headers) {
        String declared = headers.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxRequestBytes) {
            return Optional.empty();
        }
        try {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 1, maxRequestBytes + 1));
            return bytes.length > maxRequestBytes ? Optional.empty() : Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> headers(HttpHeaders headers) {
        Map<String, String> single = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.getRequestHeaders().forEach((name, values) -> {
            if (!values.isEmpty() && !HttpHeaders.AUTHORIZATION.equalsIgnoreCase(name)) {
                single.put(name, values.get(0));
            }
        });
        return single;
    }

    /** Anything but a read; a POST to {@code /.search} is a read. */
    private boolean isWrite(HttpMethod method) {
        return method != HttpMethod.GET && !path().endsWith("/.search");
    }

    private String path() {
        return session.getContext().getUri().getPath();
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
