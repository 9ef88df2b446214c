package io.gatehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/** JSON over HTTP with a bearer token: Keycloak's admin REST API, Gatehouse's, or a SCIM endpoint. */
final class JsonClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String baseUrl;
    private final Supplier<String> token;
    private final String contentType;

    JsonClient(String baseUrl, Supplier<String> token, String contentType) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.contentType = contentType;
    }

    /** The master realm's admin, for Keycloak's and Gatehouse's admin APIs. */
    static JsonClient admin(String server, String username, String password) {
        return new JsonClient(server, Tokens.password(server, username, password), "application/json");
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path);
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), path);
    }

    /** POSTs a new resource and answers the id at the end of its Location. */
    String create(String path, Object body) {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), path);
        String location = response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(path + " answered no Location"));
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void delete(String path) {
        send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        HttpResponse<String> response = exchange(request, path);
        try {
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(path + " answered no JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + token.get()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
