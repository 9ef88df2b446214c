package io.gatehouse.outbound;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.conn.DnsResolver;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.NoConnectionReuseStrategy;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

/**
 * The one HTTP client for addresses someone outside gave (IdP documents, webhook endpoints). It
 * connects only to the addresses the {@link AddressPolicy} allows, resolved once by its own DNS
 * resolver, so there is no second look-up between the check and the connection; it uses no proxy (a
 * proxy would resolve the name itself, past the policy), follows no redirect, retries nothing, keeps
 * no cookie, no credential and no connection (a kept connection would skip the next request's check).
 */
final class GuardedHttpClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private GuardedHttpClient() {
    }

    static CloseableHttpClient of(UrlPolicy urls) {
        int timeout = (int) CONNECT_TIMEOUT.toMillis();
        return HttpClients.custom()
                .setDnsResolver(allowedAddressesOnly(urls.addresses()))
                .setSSLSocketFactory(SSLConnectionSocketFactory.getSystemSocketFactory())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout(timeout).setSocketTimeout(timeout).setConnectionRequestTimeout(timeout)
                        .setRedirectsEnabled(false).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setConnectionReuseStrategy(NoConnectionReuseStrategy.INSTANCE)
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(16)
                .setUserAgent("Gatehouse")
                .build();
    }

    /** Resolves a host to the addresses the policy allows only, so a refused one is never connected to. */
    static DnsResolver allowedAddressesOnly(AddressPolicy policy) {
        return host -> {
            List<InetAddress> allowed = policy.reachableAddresses(host);
            if (allowed.isEmpty()) {
                throw new UnknownHostException(host + " has no address the policy allows");
            }
            return allowed.toArray(InetAddress[]::new);
        };
    }
}
