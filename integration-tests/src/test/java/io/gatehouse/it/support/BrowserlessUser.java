package io.gatehouse.it.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person signing in with plain HTTP: follows redirects, keeps cookies, fills Keycloak's login
 * form and submits the self-posting SAML forms a browser would submit by script. Good enough for
 * Keycloak's pages, which work without JavaScript; the pages a person clicks through are covered
 * by browser tests.
 */
public final class BrowserlessUser {

    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final LocalCookieJar cookies = new LocalCookieJar();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String stopAt;
    private final BoundHttp from;
    private String holdPostsTo;
    private String reroutedPrefix;
    private String reroutedTo;
    private final List<URI> visited = new CopyOnWriteArrayList<>();

    /** @param stopAt the client's redirect URI: reaching it means the login finished */
    public BrowserlessUser(String stopAt) {
        this(stopAt, null);
    }

    private BrowserlessUser(String stopAt, BoundHttp from) {
        this.stopAt = stopAt;
        this.from = from;
    }

    /** A person whose requests leave from {@code address} (such as {@link BoundHttp#SECOND_LOOPBACK}), so the server sees that address. */
    public static BrowserlessUser from(InetAddress address, String stopAt) {
        return new BrowserlessUser(stopAt, new BoundHttp(address));
    }

    /**
     * Stops at self-posting forms that post to this address instead of posting them, so that a
     * test can change something before the IdP's answer arrives; {@code submit(page, Map.of())}
     * posts the held form.
     */
    public BrowserlessUser holdingPostsTo(String urlPrefix) {
        this.holdPostsTo = urlPrefix;
        return this;
    }

    /**
     * Sends every request for an address under {@code prefix} to {@code replacement} instead, as a
     * load balancer without session affinity may send one step of a login to another node.
     */
    public BrowserlessUser rerouting(String prefix, String replacement) {
        this.reroutedPrefix = prefix;
        this.reroutedTo = replacement;
        return this;
    }

    /** Every address this person has requested, in order, after any rerouting. */
    public List<URI> visited() {
        return List.copyOf(visited);
    }

    public record Page(int status, URI uri, String body) {
        public boolean reachedApp(String redirectUri) {
            return uri.toString().startsWith(redirectUri) && uri.getQuery() != null && uri.getQuery().contains("code=");
        }
    }

    /** Opens the URL and follows redirects and self-posting forms until a page asks for something. */
    public Page open(String url) {
        return settle(send(URI.create(url), null));
    }

    /** Fills the username/password form on the page and goes on until the next page that asks for something. */
    public Page signIn(Page page, String username, String password) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            Map<String, String> fields = fields(form.group(2));
            if (fields.containsKey("password")) {
                fields.put("username", username);
                fields.put("password", password);
                return settle(post(page.uri().resolve(unescape(form.group(1))), fields));
            }
        }
        throw new IllegalStateException("No login form on " + page.uri() + ":\n" + page.body());
    }

    /** Submits the first form on the page that has all the given fields, with those values. */
    public Page submit(Page page, Map<String, String> values) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            Map<String, String> fields = fields(form.group(2));
            if (fields.keySet().containsAll(values.keySet())) {
                fields.putAll(values);
                return settle(post(page.uri().resolve(unescape(form.group(1))), fields));
            }
        }
        throw new IllegalStateException("No form with " + values.keySet() + " on " + page.uri() + ":\n" + page.body());
    }

    /** Presses the submit button with this name and value, as on Keycloak's "account already exists" page. */
    public Page press(Page page, String button, String value) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            if (form.group(2).matches("(?s).*<button[^>]*name=\"" + Pattern.quote(button) + "\"[^>]*value=\"" + Pattern.quote(value) + "\".*")) {
                Map<String, String> fields = fields(form.group(2));
                fields.put(button, value);
                return settle(post(page.uri().resolve(unescape(form.group(1))), fields));
            }
        }
        throw new IllegalStateException("No button " + button + "=" + value + " on " + page.uri() + ":\n" + page.body());
    }

    /**
     * Fills Keycloak's "update your account" page, which the first broker login shows when the IdP
     * sent no name, and goes on.
     */
    public Page completeProfile(Page page, String firstName, String lastName) {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            Map<String, String> fields = fields(form.group(2));
            if (fields.containsKey("firstName") && fields.containsKey("lastName")) {
                fields.put("firstName", firstName);
                fields.put("lastName", lastName);
                return settle(post(page.uri().resolve(unescape(form.group(1))), fields));
            }
        }
        return page;
    }

    private Page settle(Page page) {
        for (int hops = 0; hops < 30; hops++) {
            if (page.uri().toString().startsWith(stopAt)) {
                return page;
            }
            Matcher form = FORM.matcher(page.body());
            if (page.status() == 200 && form.find() && isSelfPosting(form.group(2))) {
                URI target = page.uri().resolve(unescape(form.group(1)));
                if (holdPostsTo != null && target.toString().startsWith(holdPostsTo)) {
                    return page;
                }
                page = post(target, fields(form.group(2)));
                continue;
            }
            return page;
        }
        throw new IllegalStateException("Too many hops, last at " + page.uri());
    }

    private static boolean isSelfPosting(String formBody) {
        return formBody.contains("SAMLRequest") || formBody.contains("SAMLResponse");
    }

    private Page post(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(uri, body);
    }

    /** Sends a GET, or a form POST when {@code form} is given, and follows redirects. */
    private Page send(URI uri, String form) {
        uri = rerouted(uri);
        BoundHttp.Answer answer = exchange(uri, form);
        for (int hops = 0; answer.status() / 100 == 3 && hops < 30; hops++) {
            uri = uri.resolve(answer.header("Location").orElseThrow());
            if (uri.toString().startsWith(stopAt)) {
                return new Page(200, uri, "");
            }
            uri = rerouted(uri);
            answer = exchange(uri, null);
        }
        return new Page(answer.status(), uri, answer.body());
    }

    private URI rerouted(URI uri) {
        return reroutedPrefix != null && uri.toString().startsWith(reroutedPrefix)
                ? URI.create(reroutedTo + uri.toString().substring(reroutedPrefix.length())) : uri;
    }

    private BoundHttp.Answer exchange(URI uri, String form) {
        visited.add(uri);
        if (from != null) {
            Map<String, String> headers = new LinkedHashMap<>();
            cookies.get(uri, Map.of()).forEach((name, values) -> headers.put(name, String.join("; ", values)));
            BoundHttp.Answer answer = form == null ? from.get(uri, headers) : from.postForm(uri, headers, form);
            cookies.put(uri, Map.of("Set-Cookie", answer.headers().getOrDefault("set-cookie", List.of())));
            return answer;
        }
        HttpRequest.Builder request = form == null ? HttpRequest.newBuilder(uri).GET()
                : HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new BoundHttp.Answer(response.statusCode(), lowerCased(response.headers().map()), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, List<String>> lowerCased(Map<String, List<String>> headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.forEach((name, values) -> result.put(name.toLowerCase(java.util.Locale.ROOT), values));
        return result;
    }

    private static Map<String, String> fields(String formBody) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = INPUT.matcher(formBody);
        while (input.find()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), unescape(attribute.group(2)));
            }
            if (attributes.containsKey("name")) {
                fields.put(attributes.get("name"), attributes.getOrDefault("value", ""));
            }
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#x3d;", "=").replace("&#61;", "=").replace("&quot;", "\"")
                .replace("&#x2f;", "/").replace("&#x3a;", ":");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
