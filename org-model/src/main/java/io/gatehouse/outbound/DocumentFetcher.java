package io.gatehouse.outbound;

import org.apache.http.HttpEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpGet;
import org.apache.http.entity.ContentType;
import org.apache.http.impl.client.CloseableHttpClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a document (IdP metadata, a discovery document) from a URL someone outside gave, through
 * the {@link GuardedHttpClient} (only addresses the policy allows, no redirect: a redirect is an
 * answer without a document), and gives up after a total deadline or a size cap, so a server
 * that drips its answer or never stops cannot hold a worker.
 */
public final class DocumentFetcher implements AutoCloseable {

    public static final int MAX_BYTES = 1_000_000;
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final UrlPolicy urls;
    private final CloseableHttpClient http;

    public DocumentFetcher(UrlPolicy urls) {
        this.urls = urls;
        this.http = GuardedHttpClient.of(urls);
    }

    /**
     * @throws RefusedUrl when the URL's form is refused (nothing was sent)
     * @throws FetchFailed when no document came back: address refused, no answer, not 2xx, empty,
     *                     too large or too slow; its message is for the log only
     */
    public String fetch(String raw) throws RefusedUrl, FetchFailed {
        URI uri = urls.parse(raw);
        HttpGet get = new HttpGet(uri);
        // Per-read timeouts do not stop a server that sends a byte a second; aborting does, from another thread.
        CompletableFuture<Void> deadline = CompletableFuture.runAsync(get::abort,
                CompletableFuture.delayedExecutor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        try (CloseableHttpResponse response = http.execute(get)) {
            int status = response.getStatusLine().getStatusCode();
            HttpEntity entity = response.getEntity();
            if (status / 100 != 2 || entity == null) {
                throw new FetchFailed(uri.getHost() + " answered HTTP " + status + " without a document", null);
            }
            if (entity.getContentLength() > MAX_BYTES) {
                throw new FetchFailed(uri.getHost() + " announced " + entity.getContentLength() + " bytes", null);
            }
            String body = new String(readAtMostMax(entity.getContent(), uri), charset(entity));
            if (body.isBlank()) {
                throw new FetchFailed(uri.getHost() + " answered an empty document", null);
            }
            return body;
        } catch (IOException | RuntimeException e) {
            throw new FetchFailed((get.isAborted() ? "gave up after " + DEADLINE.toSeconds() + " s: " : "") + uri.getHost() + ": " + e, e);
        } finally {
            deadline.cancel(false);
        }
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    /**
     * Reads up to the cap. The stream is left to the response's close, which drops the connection:
     * closing the stream itself would read on to the end of an endless body.
     */
    private static byte[] readAtMostMax(InputStream in, URI uri) throws IOException, FetchFailed {
        byte[] body = in.readNBytes(MAX_BYTES + 1);
        if (body.length > MAX_BYTES) {
            throw new FetchFailed(uri.getHost() + " sent more than " + MAX_BYTES + " bytes", null);
        }
        return body;
    }

    private static Charset charset(HttpEntity entity) {
        try {
            return Optional.ofNullable(ContentType.get(entity)).map(ContentType::getCharset).orElse(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
