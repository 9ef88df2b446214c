package io.gatehouse.outbound;

import org.apache.http.HttpResponse;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Posts a JSON body to a URL someone outside gave (a webhook endpoint) through the
 * {@link GuardedHttpClient}, as {@link DocumentFetcher} fetches: only addresses the
 * {@link AddressPolicy} allows, resolved at each post (a name that now points inside is refused), no
 * redirect followed (a 3xx is an answer like any other non-2xx), and a total deadline. The answer's
 * body is never read.
 */
public final class JsonPoster implements AutoCloseable {

    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private final UrlPolicy urls;
    private final CloseableHttpClient http;

    /** The status of an answer, and how long it took. */
    public record Answer(int status, long latencyMillis) {
        public boolean succeeded() {
            return status / 100 == 2;
        }
    }

    public JsonPoster(UrlPolicy urls) {
        this.urls = urls;
        this.http = GuardedHttpClient.of(urls);
    }

    /**
     * @throws RefusedUrl when the URL's form is refused (nothing was sent)
     * @throws FetchFailed when no answer came: address refused (its cause an UnknownHostException),
     *                     too slow (a SocketTimeoutException), connection failed; its message is for the log only
     */
    public Answer post(String raw, Map<String, String> headers, String json) throws RefusedUrl, FetchFailed {
        URI uri = urls.parse(raw);
        HttpPost post = new HttpPost(uri);
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(post::abort,
                CompletableFuture.delayedExecutor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        try (CloseableHttpResponse response = http.execute(post)) {
            return new Answer(status(response), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException | RuntimeException e) {
            if (post.isAborted()) {
                throw new FetchFailed("gave up after " + DEADLINE.toSeconds() + " s: " + uri.getHost(), new SocketTimeoutException("deadline"));
            }
            throw new FetchFailed(uri.getHost() + ": " + e, e);
        } finally {
            deadline.cancel(false);
        }
    }

    private static int status(HttpResponse response) {
        return response.getStatusLine().getStatusCode();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
