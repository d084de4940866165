package org.datacollab.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

/**
 * Facts recorded per second through the gateway with an ordinary key (each client on a partnership of its own;
 * only facts the registry accepted count), against mongodb-driver-sync {@code insertOne} of a one-fact commit's
 * document into a collection of the same size as the registry's commits, with the same indexes, on the same
 * server, in the same run.
 */
final class RegistryRate {

    private final Calls calls;
    private final String key;
    private final Size size;
    /** Where the time of the last measurement went: "end to end x ms, in the registry's command y ms, appending z ms". */
    private String lastBreakdown = "";
    /** The commands sent in the last measurement (accepted or not). */
    private long lastCommands;
    /** The documents inserted by the last raw measurement. */
    private long lastRawInserts;
    /** The store's positions when the raw collection was last copied from it. */
    private long copiedFor = -1;

    RegistryRate(Calls calls, String key, Size size) {
        this.calls = calls;
        this.key = key;
        this.size = size;
    }

    /** Accepted facts per second through the gateway with this many clients (after a warm-up that is not counted). */
    double facts(int clients) throws Exception {
        return facts(clients, calls.stack().gatewayUrl() + "/api/registry", "Bearer " + key);
    }

    /** The same, straight to the registry with an internal token: what the gateway adds, by difference. */
    double factsDirect(int clients) throws Exception {
        return facts(clients, calls.stack().url("registry-service"), null);
    }

    private double facts(int clients, String base, String authorization) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int c = 0; c < clients; c++) {
            Calls.post(base + "/partnerships", auth(authorization), """
                    {"ref":"rate-%s-%d","name":"Rate","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                     "jurisdiction":"BENCH","occurredAt":"2024-01-01"}""".formatted(run, c));
        }
        String fact = "{\"fact\":\"DriverObserved\",\"occurredAt\":\"2024-01-02\",\"driver\":\"URGENCY\",\"note\":\"n%d\"}";
        // warm-up on the same partnerships: compiled code and connections, as a service that has run a while has
        parallel(clients, 20, (c, i) -> Calls.post(base + "/partnerships/rate-" + run + "-" + c + "/facts", auth(authorization), fact.formatted(i)));
        double[] before = {sum("registry_commands_seconds", "type=\"DriverObserved\""), sum("registry_eventstore_append_seconds", "")};
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        double seconds = parallel(clients, size.measuredFacts(clients), (c, i) -> {
            int status = Calls.post(base + "/partnerships/rate-" + run + "-" + c + "/facts", auth(authorization), fact.formatted(i));
            (status == 201 ? accepted : refused).incrementAndGet();
        });
        if (refused.get() > 0) {
            System.out.println("  " + refused.get() + " facts not accepted (not counted)");
        }
        int commands = accepted.get() + refused.get();
        lastCommands = commands;
        lastBreakdown = "%s, %d clients: a fact took %.1f ms end to end (clients x seconds / facts), %.1f ms of it in the registry's command handling, %.1f ms appending (a position and the commit: two writes)"
                .formatted(authorization == null ? "straight to the registry" : "through the gateway", clients, clients * seconds / commands * 1000,
                        (sum("registry_commands_seconds", "type=\"DriverObserved\"") - before[0]) / commands * 1000,
                        (sum("registry_eventstore_append_seconds", "") - before[1]) / commands * 1000);
        System.out.println("  " + lastBreakdown + "; " + accepted.get() + " accepted");
        return accepted.get() / seconds;
    }

    long lastRawInserts() {
        return lastRawInserts;
    }

    long lastCommands() {
        return lastCommands;
    }

    String lastBreakdown() {
        return lastBreakdown;
    }

    private String auth(String authorization) {
        return authorization != null ? authorization : calls.internal();
    }

    /** A timer's total seconds so far, from the registry's Prometheus metrics (where its time goes). */
    private double sum(String timer, String label) {
        String metrics = Calls.get(calls.stack().managementUrl("registry-service") + "/actuator/prometheus", calls.internal()).body();
        return metrics.lines().filter(line -> line.startsWith(timer + "_sum") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * insertOne per second into {@code bench.raw_commits}, which first gets as many documents as the registry's
     * commits (copied from them, so the same sizes) and the commits' unique index.
     */
    double rawInserts(int clients) throws Exception {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + calls.stack().ports().mongo())) {
            MongoCollection<Document> commits = client.getDatabase("registry").getCollection("event_commits");
            MongoCollection<Document> raw = client.getDatabase("bench").getCollection("raw_commits");
            // only key lookups here: the local server answers a count or a scan of a grown store by reading every
            // document into its heap (256 MB), which it does not survive
            long positions = positions(client);
            if (copiedFor != positions) {
                raw.drop();
                raw.createIndex(Indexes.ascending("aggregateIdentifier", "firstSequenceNumber"), new IndexOptions().unique(true).sparse(true));
                sameSizeAs(commits, raw, positions);
                copiedFor = positions;
            }
            // the store's last commit is a one-fact command (the rates just measured recorded it)
            Document oneFact = commits.find(Filters.eq("_id", positions)).first();
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<Object> ids = new CopyOnWriteArrayList<>();
            double seconds = parallel(clients, size.measuredFacts(clients), (c, i) -> {
                Document copy = new Document(oneFact == null ? new Document("events", List.of()) : oneFact);
                copy.remove("_id");
                copy.put("aggregateIdentifier", "raw-" + run + "-" + c);
                copy.put("firstSequenceNumber", (long) i);
                raw.insertOne(copy);
                ids.add(copy.get("_id"));
            });
            // back to the registry's size for the next measurement
            for (int from = 0; from < ids.size(); from += 500) {
                raw.deleteMany(Filters.in("_id", ids.subList(from, Math.min(ids.size(), from + 500))));
            }
            lastRawInserts = ids.size();
            return ids.size() / seconds;
        }
    }

    /** The positions handed out: every one holds a commit or a tombstone, a document of {@code event_commits}. */
    private static long positions(MongoClient client) {
        Document counter = client.getDatabase("registry").getCollection("event_positions").find(Filters.eq("_id", "commits")).first();
        return counter == null ? 0 : ((Number) counter.get("value")).longValue();
    }

    /** Copies the commits (by position, 100 at a time) into the empty raw collection: as many documents, as large. */
    private static void sameSizeAs(MongoCollection<Document> commits, MongoCollection<Document> raw, long positions) {
        long copied = 0;
        for (long from = 1; from <= positions; from += 100) {
            List<Document> batch = new ArrayList<>();
            commits.find(Filters.in("_id", LongStream.range(from, Math.min(positions + 1, from + 100)).boxed().toList())).forEach(d -> {
                d.remove("_id");
                batch.add(d);
            });
            if (!batch.isEmpty()) {
                raw.insertMany(batch);
                copied += batch.size();
            }
        }
        System.out.printf("  raw collection: %,d documents, as many as the registry's commits (positions), same unique index%n", copied);
    }

    interface Operation {
        void run(int client, int index) throws Exception;
    }

    /** Runs {@code perClient} operations on each of {@code clients} threads; the seconds it took. */
    static double parallel(int clients, int perClient, Operation operation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            long started = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        operation.run(client, i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - started) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
