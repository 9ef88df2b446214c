package io.gatehouse.verification;

import org.jboss.logging.Logger;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Asks DNS for the TXT records of a name, now: no cache, through the resolver the operator
 * configured (or the system's resolvers when none is set).
 */
public final class TxtRecordLookup {

    private static final Logger LOG = Logger.getLogger(TxtRecordLookup.class);

    private final Optional<InetSocketAddress> resolverAddress;
    private final Duration timeout;

    public TxtRecordLookup(Optional<InetSocketAddress> resolverAddress, Duration timeout) {
        this.resolverAddress = resolverAddress;
        this.timeout = timeout;
    }

    /** The TXT values published at {@code name}; empty when there are none or DNS did not answer. */
    public List<String> txtValues(String name) {
        try {
            Lookup lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
            lookup.setResolver(resolver());
            lookup.setCache(null);
            Record[] records = lookup.run();
            if (records == null) {
                LOG.debugf("No TXT record at '%s': %s", name, lookup.getErrorString());
                return List.of();
            }
            return Arrays.stream(records)
                    .filter(TXTRecord.class::isInstance)
                    .map(r -> String.join("", ((TXTRecord) r).getStrings()))
                    .collect(Collectors.toList());
        } catch (TextParseException | UnknownHostException e) {
            LOG.warnf("TXT lookup of '%s' failed: %s", name, e.getMessage());
            return List.of();
        }
    }

    private Resolver resolver() throws UnknownHostException {
        Resolver resolver = resolverAddress.isPresent() ? new SimpleResolver(resolverAddress.get()) : new ExtendedResolver();
        resolver.setTimeout(timeout);
        return resolver;
    }
}
