package org.datacollab.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.datacollab.contracts.json.Topics;
import org.datacollab.localstack.LocalStack;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks (profile {@code bench}): the local stack started fresh, every figure measured beside its raw
 * baseline in the same run on the same servers, each held to the aim issue 18 sets, and the table written into
 * docs/benchmarks.md by a full-size run ({@code -Dbench.size=quick} for a short try, written into target/).
 * Not a test: nothing here asserts a time. Usage: {@code Benchmarks <part: all|store|gateway|notification|load|catalogue> <size> [docs]}.
 */
public final class Benchmarks {

    /** Shared with the catalogue benchmark. */
    static final HttpClient HTTP = Calls.HTTP;

    public static void main(String[] args) {
        String only = args.length > 0 ? args[0] : "all";
        Size size = Size.of(args.length > 1 ? args[1] : "full");
        // "docs": write the table into docs/benchmarks.md at any size (a full-size run always does)
        boolean record = args.length > 2 && args[2].equals("docs");
        int status = 0;
        try (LoadSampler load = new LoadSampler()) {
            run(only, size, record, load);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        // the stack is stopped; a client library's thread left behind must not keep ./mvnw -Pbench from returning
        System.exit(status);
    }

    private static void run(String only, Size size, boolean record, LoadSampler load) throws Exception {
        System.out.println("benchmarks: " + only + ", size " + size.describe() + ", on " + Machine.describe());
        LocalStack stack = LocalStack.start(Path.of("benchmarks/target/bench-stack-" + ProcessHandle.current().pid()),
                // the benchmarks drive one key hard: the per-key rate limit is lifted
                LocalStack.Ports.free(), Map.of("GATEWAY_RATE_LIMIT_CAPACITY", "100000", "GATEWAY_RATE_LIMIT_PER_SECOND", "100000"));
        try {
            Calls calls = new Calls(stack);
            Report report = new Report(size, load);
            String key = calls.ordinaryKey("BENCH");
            boolean all = only.equals("all");
            if (all || only.equals("store")) {
                store(calls, key, size, report);
            }
            if (all || only.equals("gateway")) {
                GatewayLatency.measure(calls, key, size, report);
            }
            if (all || only.equals("notification")) {
                Notifications.measure(calls, size, report);
            }
            if (all || only.equals("load")) {
                LoadRun.run(stack, key, report);
            }
            if (!only.equals("catalogue")) {
                report.write(LocalStack.projectRoot(), all, record);
            }
            if (all || only.equals("catalogue")) {
                CatalogueBenchmark.run(stack);
            }
        } finally {
            stack.close();
        }
    }

    /** Everything that depends on the store's size: rates, idle CPU, publication, alerts, on an empty and a grown store. */
    private static void store(Calls calls, String key, Size size, Report report) throws Exception {
        long mongo = calls.stack().infrastructure().mongo().pid();
        calls.awaitCaughtUp(Duration.ofMinutes(5));
        double idleEmpty = idleCpu(calls, mongo, size, report, "empty");
        RegistryRate rates = new RegistryRate(calls, key, size);
        // the services have just started: a first round, not counted, compiles their code (as in a service that has
        // run a while); the empty store is then a few thousand commits, against the grown store's 100,000
        System.out.println("  warming up (not counted)");
        rates.facts(16);
        rates.facts(1);
        calls.awaitCaughtUp(Duration.ofMinutes(5));
        report.note("empty store: measured after a first round of the same measurements, not counted (the services had just started)");
        double empty1 = rates.facts(1);
        double empty16 = rates.facts(16);
        double rawEmpty1 = rates.rawInserts(1);
        double rawEmpty16 = rates.rawInserts(16);
        report.rate("facts recorded/s through the gateway, 1 client, empty store", empty1, "facts/s", rawEmpty1, "insertOne, same indexes", Double.NaN);
        report.rate("facts recorded/s through the gateway, 16 clients, empty store", empty16, "facts/s", rawEmpty16, "insertOne, same indexes", Double.NaN);

        System.out.println("\n== growing the store ==");
        StoreGrowth.grow(calls, size);
        String grown = describeStore(calls);
        report.note("grown store: " + grown);
        double idleGrown = idleCpu(calls, mongo, size, report, "grown");
        report.figure("idle CPU of the MongoDB-protocol server, grown store", "%.1f%% of a core".formatted(idleGrown),
                "%.1f%% of a core (empty store)".formatted(idleEmpty), "", "< 5% of a core", idleGrown < 5);
        double grown1 = rates.facts(1);
        report.note(rates.lastBreakdown());
        Census recording = new Census(calls).start();
        double grown16 = rates.facts(16);
        report.note(rates.lastBreakdown());
        report.note("recording facts with 16 clients on the grown store: " + recording.end(rates.lastCommands(), "fact"));
        double direct1 = rates.factsDirect(1);
        report.note(rates.lastBreakdown());
        double raw1 = rates.rawInserts(1);
        Census inserting = new Census(calls).start();
        double raw16 = rates.rawInserts(16);
        report.note("raw insertOne with 16 clients into the grown store's copy: " + inserting.end(rates.lastRawInserts(), "insert"));
        report.rate("facts recorded/s straight to the registry (no gateway), 1 client, grown store", direct1, "facts/s", raw1,
                "insertOne, same-sized collection, same indexes", Double.NaN);
        report.rate("facts recorded/s through the gateway, 1 client, grown store", grown1, "facts/s", raw1, "insertOne, same-sized collection, same indexes", 0.5);
        report.rate("facts recorded/s through the gateway, 16 clients, grown store", grown16, "facts/s", raw16, "insertOne, same-sized collection, same indexes", 0.5);
        report.rate("grown store against empty store, 1 client", grown1, "facts/s", empty1, "empty store, same run", 0.8);
        report.rate("grown store against empty store, 16 clients", grown16, "facts/s", empty16, "empty store, same run", 0.8);
        PublicationLag.measure(calls, size, report);
        AlertLatency.measure(calls, key, "BENCH", size, report);
        RebuildRate.measure(calls, report);
    }

    /**
     * CPU the process uses while nothing happens (after every processor caught up), in % of one core; notes what the
     * local MongoDB-protocol server answered meanwhile (its census: commands by collection, and the time they took)
     * and which of its threads used the CPU.
     */
    private static double idleCpu(Calls calls, long pid, Size size, Report report, String store) throws InterruptedException {
        int seconds = size.isFull() ? 30 : 10;
        Census census = new Census(calls).start();
        double before = Machine.cpuSeconds(pid);
        Thread.sleep(seconds * 1000L);
        double cpu = (Machine.cpuSeconds(pid) - before) / seconds * 100;
        report.note("idle on the " + store + " store: " + census.end(0, ""));
        return cpu;
    }

    /** Commits (positions handed out) and events (records on partnership-events, all published). */
    private static String describeStore(Calls calls) {
        long commits;
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + calls.stack().ports().mongo())) {
            Document counter = client.getDatabase("registry").getCollection("event_positions").find(Filters.eq("_id", "commits")).first();
            commits = counter == null ? 0 : ((Number) counter.get("value")).longValue();
        }
        long events;
        try (KafkaConsumer<String, byte[]> consumer = Kafka.consumer(calls.stack(), "bench-size", "earliest")) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            events = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
        return "%,d events in %,d commits".formatted(events, commits);
    }

    private Benchmarks() {
    }
}
