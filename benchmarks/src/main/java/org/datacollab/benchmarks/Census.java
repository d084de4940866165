package org.datacollab.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the MongoDB-protocol server's time went over a window of a benchmark: the commands it answered (its census,
 * DurableH2Backend: by command and collection, how many and the time they took) and the CPU each of its threads used
 * (from /proc, grouped by thread name), so that a missed aim is explained by what the store was asked, and by what it
 * did besides answering.
 */
final class Census {

    private final Calls calls;
    private final long pid;
    private Map<String, Double> threadsBefore = Map.of();
    private double cpuBefore;
    private long startedNanos;

    Census(Calls calls) {
        this.calls = calls;
        this.pid = calls.stack().infrastructure().mongo().pid();
    }

    /** Starts a window: the census so far is discarded, the threads' CPU is read. */
    Census start() {
        ask();
        threadsBefore = threadCpu(pid);
        cpuBefore = Machine.cpuSeconds(pid);
        startedNanos = System.nanoTime();
        return this;
    }

    /** Ends the window: "N commands, T ms: ...; CPU X% of a core: thread a s, ..." (per unit of work when units > 0). */
    String end(long units, String unit) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        String census = ask();
        double cpu = Machine.cpuSeconds(pid) - cpuBefore;
        Map<String, Double> after = threadCpu(pid);
        Map<String, Double> used = new HashMap<>();
        after.forEach((thread, s) -> used.merge(thread, s - threadsBefore.getOrDefault(thread, 0.0), Double::sum));
        String threads = used.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .map(e -> "%s %.2f s".formatted(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
        String perUnit = "";
        if (units > 0) {
            long commands = leadingNumber(census);
            long millis = leadingNumber(census.substring(census.indexOf(',') + 1));
            perUnit = " (per %s: %.1f commands, %.2f ms answering, %.2f ms of CPU)".formatted(unit, (double) commands / units,
                    (double) millis / units, cpu * 1000 / units);
        }
        return "over %.0f s the MongoDB-protocol server used %.2f s of CPU (%.1f%% of a core)%s; its threads: %s; it answered %s"
                .formatted(seconds, cpu, cpu / seconds * 100, perUnit, threads.isEmpty() ? "none" : threads, census);
    }

    /** The census since it was last asked (and a new one started), or why there is none. */
    private String ask() {
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + calls.stack().ports().mongo())) {
            return client.getDatabase("admin").runCommand(new Document("datacollabCensus", 1)).getString("census");
        } catch (RuntimeException e) {
            return "(no census: " + e.getMessage() + ")";
        }
    }

    private static long leadingNumber(String text) {
        String digits = text.strip().replaceAll("^(\\d+).*$", "$1");
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** CPU seconds of each thread of a process, summed by name with its numbers left out ("nioEventLoopGroup-#-#"). */
    static Map<String, Double> threadCpu(long pid) {
        Map<String, Double> byName = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("\\d+", "#");
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
                    byName.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException gone) {
                    // the thread ended meanwhile
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return byName;
    }
}
