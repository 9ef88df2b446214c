package io.gatehouse.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Keycloak's admin REST API and Gatehouse's, as the master realm's admin. */
final class AdminClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String server;
    private final String username;
    private final String password;
    private String token;
    private long tokenAt;

    AdminClient(String server, String username, String password) {
        this.server = server;
        this.username = username;
        this.password = password;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server + path)).GET(), path);
    }

    JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(server + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), path);
    }

    void delete(String path) {
        send(HttpRequest.newBuilder(URI.create(server + path)).DELETE(), path);
    }

    private JsonNode send(HttpRequest.Builder request, String path) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", "Bearer " + token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() - tokenAt > 30_000) {
            String form = "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(response.body()).get("access_token").asText();
            tokenAt = System.currentTimeMillis();
        }
        return token;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
