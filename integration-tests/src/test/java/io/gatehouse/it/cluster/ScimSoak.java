package io.gatehouse.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.it.support.ScimClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static io.gatehouse.it.support.GatehouseApi.json;
import static io.gatehouse.it.support.GatehouseApi.query;

/**
 * Many SCIM clients at once over several organizations, each request to either node, in
 * proportions like Okta's: creates, deactivations and reactivations, group membership changes and
 * filters. Each client remembers what it was told; {@link #reconcile} then compares that with what
 * the directories hold. Bounded in time and traffic, loopback only.
 */
final class ScimSoak {

    /** One organization's directory, as reached on each node, and its groups. */
    record Directory(String domain, List<ScimClient> onNodes, List<String> groupIds) {
    }

    /** What a client was told about one of its users. */
    private static final class Told {
        final String id;
        volatile boolean active = true;
        final Set<String> groups = ConcurrentHashMap.newKeySet();

        Told(String id) {
            this.id = id;
        }
    }

    /** The run's figures, and what went wrong. */
    record Figures(int requests, double seconds, long p50Millis, long p99Millis, List<String> failures) {

        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format("%d requests in %.0f s (%.1f/s), p50 %d ms, p99 %d ms, %d failed", requests, seconds, perSecond(),
                    p50Millis, p99Millis, failures.size());
        }
    }

    private final List<Directory> directories;
    private final Map<String, Map<String, Told>> toldByDirectory = new ConcurrentHashMap<>();
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    ScimSoak(List<Directory> directories) {
        this.directories = directories;
        directories.forEach(directory -> toldByDirectory.put(directory.domain(), new ConcurrentHashMap<>()));
    }

    Figures run(int clients, Duration duration) throws Exception {
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> running = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            int number = client;
            running.add(pool.submit(() -> drive(number, deadline)));
        }
        for (Future<?> future : running) {
            future.get(duration.toSeconds() + 300, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new Figures(sorted.size(), seconds, percentile(sorted, 50), percentile(sorted, 99), List.copyOf(failures));
    }

    private void drive(int client, long deadline) {
        Directory directory = directories.get(client % directories.size());
        Map<String, Told> told = toldByDirectory.get(directory.domain());
        List<String> mine = new ArrayList<>();
        int created = 0;
        while (System.nanoTime() < deadline) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            ScimClient node = directory.onNodes().get(random.nextInt(directory.onNodes().size()));
            int dice = random.nextInt(100);
            if (mine.isEmpty() || dice < 30) {
                String userName = "soak" + client + "-" + created++ + "@" + directory.domain();
                ScimClient.Answer answer = timed(node, "POST", "/Users", ClusterTest.user(userName));
                if (expect(answer, 201, "create " + userName)) {
                    told.put(userName, new Told(answer.body().get("id").asText()));
                    mine.add(userName);
                }
            } else if (dice < 50) {
                Told user = told.get(mine.get(random.nextInt(mine.size())));
                boolean active = !user.active;
                ScimClient.Answer answer = timed(node, "PATCH", "/Users/" + user.id, json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA),
                        "Operations", List.of(Map.of("op", "replace", "value", Map.of("active", active))))));
                if (expect(answer, 200, "set active=" + active + " on " + user.id)) {
                    user.active = active;
                }
            } else if (dice < 70) {
                Told user = told.get(mine.get(random.nextInt(mine.size())));
                String group = directory.groupIds().get(random.nextInt(directory.groupIds().size()));
                boolean add = !user.groups.contains(group);
                Map<String, Object> operation = add
                        ? Map.of("op", "add", "path", "members", "value", List.of(Map.of("value", user.id)))
                        : Map.of("op", "remove", "path", "members[value eq \"" + user.id + "\"]");
                ScimClient.Answer answer = timed(node, "PATCH", "/Groups/" + group,
                        json(Map.of("schemas", List.of(ScimClient.PATCH_SCHEMA), "Operations", List.of(operation))));
                if (answer.status() == 200 || answer.status() == 204) {
                    if (add) {
                        user.groups.add(group);
                    } else {
                        user.groups.remove(group);
                    }
                } else {
                    failures.add((add ? "add to " : "remove from ") + group + ": " + answer);
                }
            } else {
                String userName = mine.get(random.nextInt(mine.size()));
                ScimClient.Answer answer = timed(node, "GET", "/Users?filter=" + query("userName eq \"" + userName.toUpperCase() + "\""), null);
                if (expect(answer, 200, "filter " + userName) && answer.body().get("totalResults").asInt() != 1) {
                    failures.add("filter " + userName + " found " + answer.body().get("totalResults") + ": " + answer);
                }
            }
        }
    }

    /** Compares what every client was told with what the directory holds, read on either node. */
    List<String> reconcile() {
        List<String> differences = new ArrayList<>();
        for (Directory directory : directories) {
            Map<String, Told> told = toldByDirectory.get(directory.domain());
            ScimClient reader = directory.onNodes().get(1);
            int total = reader.get("/Users?count=1").body().get("totalResults").asInt();
            if (total != told.size()) {
                differences.add(directory.domain() + " holds " + total + " users, its clients created " + told.size());
            }
            for (Map.Entry<String, Told> user : told.entrySet()) {
                JsonNode found = reader.get("/Users?filter=" + query("userName eq \"" + user.getKey() + "\"")).body();
                if (found.get("totalResults").asInt() != 1) {
                    differences.add(user.getKey() + " is there " + found.get("totalResults") + " times");
                } else if (found.get("Resources").get(0).get("active").asBoolean() != user.getValue().active) {
                    differences.add(user.getKey() + " has active=" + found.get("Resources").get(0).get("active") + ", its client was told " + user.getValue().active);
                }
            }
            for (String group : directory.groupIds()) {
                Set<String> expected = Set.copyOf(told.values().stream().filter(t -> t.groups.contains(group)).map(t -> t.id).toList());
                JsonNode members = reader.get("/Groups/" + group).body().path("members");
                List<String> held = StreamSupport.stream(members.spliterator(), false).map(m -> m.get("value").asText()).toList();
                if (!Set.copyOf(held).equals(expected) || held.size() != expected.size()) {
                    differences.add("group " + group + " of " + directory.domain() + " holds " + held.size() + " members, its clients added " + expected.size());
                }
            }
        }
        return differences;
    }

    private ScimClient.Answer timed(ScimClient node, String method, String path, String body) {
        long start = System.nanoTime();
        try {
            return node.send(method, path, body);
        } finally {
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
    }

    private boolean expect(ScimClient.Answer answer, int status, String what) {
        if (answer.status() == status) {
            return true;
        }
        failures.add(what + ": " + answer);
        return false;
    }

    private static long percentile(List<Long> sorted, int percent) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percent / 100.0 * sorted.size()) - 1));
    }
}
