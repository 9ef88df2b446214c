package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Access tokens of a realm's own admins, by password grant with {@code admin-cli}, as such an
 * admin's script gets them. A token is reused for a minute, so hundreds of calls do not mean
 * hundreds of logins, and renewed long before the realm's five-minute lifespan runs out.
 */
public final class AdminTokens {

    private static final long REUSE_MILLIS = 60_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tokenUrl;
    private final String password;
    private final Map<String, Issued> issued = new ConcurrentHashMap<>();

    public AdminTokens(String keycloakBaseUrl, String realm, String password) {
        this.tokenUrl = keycloakBaseUrl + "/realms/" + realm + "/protocol/openid-connect/token";
        this.password = password;
    }

    /** The admin's current token, fetched again when it has been in use for a minute. */
    public Supplier<String> of(String username) {
        return () -> issued.compute(username, (name, current) ->
                current != null && System.currentTimeMillis() - current.at() < REUSE_MILLIS ? current : login(name)).token();
    }

    private Issued login(String username) {
        String form = "grant_type=password&client_id=admin-cli&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No token for " + username + ": " + response.statusCode() + " " + response.body());
            }
            return new Issued(JSON.readTree(response.body()).get("access_token").asText(), System.currentTimeMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Issued(String token, long at) {
    }
}
