package io.gatehouse.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Access tokens from a Keycloak token endpoint, fetched again every 30 seconds. */
final class Tokens implements Supplier<String> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String tokenEndpoint;
    private final String form;
    private String token;
    private long fetchedAt;

    private Tokens(String tokenEndpoint, String form) {
        this.tokenEndpoint = tokenEndpoint;
        this.form = form;
    }

    /** The master realm's admin, through admin-cli. */
    static Tokens password(String server, String username, String password) {
        return new Tokens(server + "/realms/master/protocol/openid-connect/token",
                "grant_type=password&client_id=admin-cli&username=" + enc(username) + "&password=" + enc(password));
    }

    /** A confidential client's service account in a realm. */
    static Tokens clientCredentials(String server, String realm, String clientId, String secret) {
        return new Tokens(server + "/realms/" + realm + "/protocol/openid-connect/token",
                "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret));
    }

    /** A fixed token, such as a SCIM directory's. */
    static Supplier<String> fixed(String token) {
        return () -> token;
    }

    @Override
    public synchronized String get() {
        if (token == null || System.currentTimeMillis() - fetchedAt > 30_000) {
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(tokenEndpoint + " answered " + response.statusCode() + ": " + response.body());
                }
                token = JSON.readTree(response.body()).get("access_token").asText();
                fetchedAt = System.currentTimeMillis();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
