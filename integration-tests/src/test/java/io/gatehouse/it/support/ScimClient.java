package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A SCIM client for one directory, as Okta or Entra ID calls it: the base URL and bearer token the
 * admin pasted in. Paths are relative to the base URL ({@code /Users?filter=...}).
 */
public final class ScimClient {

    public static final String USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
    public static final String GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
    public static final String ENTERPRISE_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    public static final String PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public static final String ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String id;
    private final String baseUrl;
    private final String token;
    private final String tokenId;
    private final String contentType;

    private ScimClient(String id, String baseUrl, String token, String tokenId, String contentType) {
        this.id = id;
        this.baseUrl = baseUrl;
        this.token = token;
        this.tokenId = tokenId;
        this.contentType = contentType;
    }

    /** Creates a directory in the org through the management API, as an admin does. */
    public static ScimClient newDirectory(GatehouseApi api, String orgId, String name) {
        ApiResponse created = api.post("/orgs/" + orgId + "/scim-directories", GatehouseApi.json(Map.of("name", name)));
        assertEquals(201, created.status(), created.toString());
        JsonNode body = created.body();
        return new ScimClient(body.get("id").asText(), body.get("baseUrl").asText(), body.get("token").asText(),
                body.get("tokenId").asText(), "application/scim+json");
    }

    /** A directory's base URL called with a bearer token of the caller's choosing. */
    public static ScimClient at(String baseUrl, String token) {
        return new ScimClient(baseUrl.substring(baseUrl.lastIndexOf('/') + 1), baseUrl, token, null, "application/scim+json");
    }

    /** The same directory, with bodies sent as Okta sends them: {@code application/json}. */
    public ScimClient sendingPlainJson() {
        return new ScimClient(id, baseUrl, token, tokenId, "application/json");
    }

    /** The same directory, called with another bearer token. */
    public ScimClient withToken(String otherToken) {
        return new ScimClient(id, baseUrl, otherToken, tokenId, contentType);
    }

    public String id() {
        return id;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String token() {
        return token;
    }

    public String tokenId() {
        return tokenId;
    }

    public Answer get(String path) {
        return send("GET", path, null);
    }

    public Answer post(String path, String body) {
        return send("POST", path, body);
    }

    public Answer put(String path, String body) {
        return send("PUT", path, body);
    }

    public Answer patch(String path, String body) {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    public Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/scim+json, application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType + "; charset=utf-8");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body(), response.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a user and answers its id; fails the test unless the directory answers 201. */
    public String createUser(String body) {
        Answer created = post("/Users", body);
        assertEquals(201, created.status(), created.toString());
        return created.body().get("id").asText();
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** What the directory answered: status, parsed body (MissingNode when empty), raw body, ETag. */
    public record Answer(int status, JsonNode body, String rawBody, String etag) {

        public String scimType() {
            return body.path("scimType").asText(null);
        }

        public String detail() {
            return body.path("detail").asText(null);
        }

        public boolean isScimError() {
            return body.path("schemas").toString().contains(ERROR_SCHEMA);
        }

        @Override
        public String toString() {
            return status + " " + rawBody;
        }
    }
}
