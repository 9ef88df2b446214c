package io.gatehouse.outbound;

import java.io.IOException;
import java.util.List;

/**
 * The operator's rules for reaching outside, built once from the {@code gatehouse-organizations}
 * options: which URLs from outside are acceptable, and the one way to fetch a document from one.
 */
public record Outbound(UrlPolicy urls, DocumentFetcher documents) implements AutoCloseable {

    public static Outbound of(List<NetworkRange> allowedNetworks, boolean requireHttps) {
        UrlPolicy urls = new UrlPolicy(new AddressPolicy(allowedNetworks), requireHttps);
        return new Outbound(urls, new DocumentFetcher(urls));
    }

    @Override
    public void close() throws IOException {
        documents.close();
    }
}
