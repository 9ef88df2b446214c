package io.gatehouse.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Domains where anyone can get a mailbox (gmail.com, outlook.com, ...). Whitelisting one would let
 * any stranger into an org, so they are refused unless the caller explicitly allows it. The built-in
 * list ships as a resource; operators add their own through configuration.
 */
public final class PublicMailboxDomains {

    private static final String BUILT_IN = "public-mailbox-domains.txt";

    private final Set<DomainName> domains;

    private PublicMailboxDomains(Set<DomainName> domains) {
        this.domains = Set.copyOf(domains);
    }

    public static PublicMailboxDomains builtInPlus(Collection<String> operatorAdditions) {
        Set<DomainName> all = new HashSet<>(readBuiltIn());
        operatorAdditions.stream().map(DomainName::parse).forEach(all::add);
        return new PublicMailboxDomains(all);
    }

    public boolean contains(DomainName domain) {
        return domains.contains(domain);
    }

    private static Set<DomainName> readBuiltIn() {
        Set<DomainName> result = new HashSet<>();
        try (InputStream in = PublicMailboxDomains.class.getResourceAsStream(BUILT_IN);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(DomainName::parse)
                    .forEach(result::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return result;
    }
}
