package io.gatehouse.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server on 127.0.0.1 (Debian's dnsmasq) serving the TXT records a test publishes,
 * as a customer's DNS host would. Changing the records restarts it.
 */
public final class LoopbackDns implements AutoCloseable {

    private static final Path DNSMASQ = Path.of("/usr/sbin/dnsmasq");

    private Process process;

    public static int port() {
        return Integer.parseInt(System.getenv().getOrDefault("GATEHOUSE_IT_DNS_PORT", "15353"));
    }

    /** Serves exactly these TXT records (name to value) from now on. */
    public void publish(Map<String, String> txtRecords) {
        close();
        if (!Files.isExecutable(DNSMASQ)) {
            throw new IllegalStateException("dnsmasq is not installed: apt-get install dnsmasq-base (scripts/test.sh does this)");
        }
        List<String> command = new ArrayList<>(List.of(DNSMASQ.toString(), "--keep-in-foreground", "--log-facility=-",
                "--port=" + port(), "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--conf-file=/dev/null", "--pid-file=", "--user=" + System.getProperty("user.name")));
        txtRecords.forEach((name, value) -> command.add("--txt-record=" + name + "," + value));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
            awaitStarted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitStarted() throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            seen.append(line).append('\n');
            if (line.contains("started, version")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "dnsmasq-output");
                drain.setDaemon(true);
                drain.start();
                return;
            }
        }
        throw new IllegalStateException("dnsmasq did not start:\n" + seen);
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
