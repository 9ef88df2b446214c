package io.gatehouse.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A Keycloak distribution unpacked from the same zip operators download, driven with its own
 * scripts (kc.sh build, kc.sh start-dev) exactly as README tells an operator to.
 */
public final class KeycloakDistribution implements AutoCloseable {

    private final Path home;
    private final List<String> output = Collections.synchronizedList(new ArrayList<>());
    private Process server;
    private Path log;

    private KeycloakDistribution(Path home) {
        this.home = home;
    }

    public static KeycloakDistribution unpack(Path zip, Path into) throws IOException {
        Path top = null;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("Zip entry outside the target folder: " + entry.getName());
                }
                if (top == null) {
                    top = into.resolve(into.relativize(target).getName(0));
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    if (target.toString().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
        }
        return new KeycloakDistribution(top);
    }

    /** A copy of this built distribution in another folder, file times kept so that it needs no new build. */
    public KeycloakDistribution copyTo(Path into) throws IOException {
        Path copy = into.resolve(home.getFileName());
        try (Stream<Path> files = Files.walk(home)) {
            for (Path source : files.toList()) {
                Files.copy(source, copy.resolve(home.relativize(source).toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        return new KeycloakDistribution(copy);
    }

    /** Also appends everything the server prints to this file, which outlives the distribution's folder. */
    public void logTo(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        log = file;
    }

    public void installProviders(Path providersDir) throws IOException {
        try (Stream<Path> jars = Files.list(providersDir)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Runs kc.sh with the arguments and waits for it to end; answers its exit code. */
    public int run(Duration timeout, String... args) throws IOException, InterruptedException {
        Process process = start(args);
        pump(process.getInputStream());
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("kc.sh " + String.join(" ", args) + " did not finish within " + timeout);
        }
        return process.exitValue();
    }

    /** Starts the server in the background and waits until Keycloak logs that it started. */
    public void startServer(Duration timeout, String... args) throws IOException, InterruptedException {
        int from = output.size();
        server = start(args);
        pump(server.getInputStream());
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (linesSince(from).stream().anyMatch(l -> l.contains("started in"))) {
                return;
            }
            if (!server.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + server.exitValue() + ":\n" + String.join("\n", linesSince(from)));
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not start within " + timeout + ":\n" + String.join("\n", linesSince(from)));
    }

    public void stopServer() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        server.destroy();
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        server.waitFor(60, TimeUnit.SECONDS);
        server = null;
    }

    /** Kills the server as {@code kill -9} would: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        if (server == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(server.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly();
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        server.waitFor(60, TimeUnit.SECONDS);
        server = null;
    }

    public List<String> output() {
        return List.copyOf(output);
    }

    public List<String> linesSince(int from) {
        synchronized (output) {
            return List.copyOf(output.subList(from, output.size()));
        }
    }

    public int outputSize() {
        return output.size();
    }

    private Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        return builder.start();
    }

    private void pump(InputStream stream) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                reader.lines().forEach(this::record);
            } catch (IOException e) {
                output.add("(output closed: " + e.getMessage() + ")");
            }
        }, "kc-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void record(String line) {
        output.add(line);
        if (log != null) {
            try {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                output.add("(could not write " + log + ": " + e.getMessage() + ")");
            }
        }
    }

    @Override
    public void close() throws Exception {
        stopServer();
        try (Stream<Path> files = Files.walk(home.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            // best effort: it is a temporary folder
        }
    }
}
