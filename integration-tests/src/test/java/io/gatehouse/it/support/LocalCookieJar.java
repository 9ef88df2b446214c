package io.gatehouse.it.support;

import java.net.CookieHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cookies as a browser keeps them for http://localhost: Keycloak marks its cookies Secure, and
 * browsers (unlike java.net.CookieManager) send those to localhost over plain http. Scoped by path,
 * because both test realms live on one host.
 */
final class LocalCookieJar extends CookieHandler {

    private record Key(String name, String path) {
    }

    private final Map<Key, String> cookies = new ConcurrentHashMap<>();

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath();
        List<String> pairs = new ArrayList<>();
        cookies.forEach((key, value) -> {
            if (path.startsWith(key.path())) {
                pairs.add(key.name() + "=" + value);
            }
        });
        return pairs.isEmpty() ? Map.of() : Map.of("Cookie", List.of(String.join("; ", pairs)));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((header, values) -> {
            if (header != null && header.equalsIgnoreCase("Set-Cookie")) {
                values.forEach(this::store);
            }
        });
    }

    private void store(String setCookie) {
        String[] parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return;
        }
        String name = parts[0].substring(0, eq).strip();
        String value = parts[0].substring(eq + 1).strip();
        String path = "/";
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].strip().toLowerCase();
            if (attribute.startsWith("path=")) {
                path = parts[i].strip().substring(5);
            } else if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970") || attribute.startsWith("expires=thu, 01-jan-1970")) {
                expired = true;
            }
        }
        Key key = new Key(name, path);
        if (expired || value.isEmpty()) {
            cookies.remove(key);
        } else {
            cookies.put(key, value);
        }
    }
}
