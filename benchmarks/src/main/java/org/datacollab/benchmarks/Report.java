package org.datacollab.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one run, each beside the raw baseline measured in the same run, and the aim it is held to;
 * printed as they come, and written as a table into docs/benchmarks.md (between its markers) by a full-size run,
 * into benchmarks/target/ by any other.
 */
final class Report {

    static final String BEGIN = "<!-- benchmark run: begin (written by the run itself; do not edit by hand) -->";
    static final String END = "<!-- benchmark run: end -->";

    /** One figure: what, measured, its raw baseline (same run), their ratio, the aim, whether it is met, the load when taken. */
    record Row(String what, String measured, String baseline, String ratio, String aim, String met, String load) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Instant started = Instant.now();
    private final Size size;
    private final LoadSampler load;

    Report(Size size, LoadSampler load) {
        this.size = size;
        this.load = load;
    }

    /** A rate against its baseline; {@code aimRatio} the least ratio aimed at (NaN when the issue sets none). */
    void rate(String what, double measured, String unit, double baseline, String baselineWhat, double aimRatio) {
        double ratio = measured / baseline;
        String aim = Double.isNaN(aimRatio) ? "" : "ratio >= " + aimRatio;
        add(new Row(what, "%.1f %s".formatted(measured, unit), "%.1f %s (%s)".formatted(baseline, unit, baselineWhat),
                "%.2f".formatted(ratio), aim, Double.isNaN(aimRatio) ? "" : ratio >= aimRatio ? "yes" : "no", loadNow()));
    }

    /** Latencies p50/p99 against their baseline's, with an aim on p99 (NaN: none). */
    void latency(String what, Stats measured, Stats baseline, String baselineWhat, double aimP99Ms) {
        String aim = Double.isNaN(aimP99Ms) ? "" : "p99 < %.0f ms".formatted(aimP99Ms);
        add(new Row(what, "p50 %.1f ms, p99 %.1f ms (n=%d)".formatted(measured.percentile(50), measured.percentile(99), measured.count()),
                baseline == null ? "" : "p50 %.1f ms, p99 %.1f ms (%s)".formatted(baseline.percentile(50), baseline.percentile(99), baselineWhat),
                baseline == null ? "" : "p50 %.1f, p99 %.1f".formatted(measured.percentile(50) / baseline.percentile(50),
                        measured.percentile(99) / baseline.percentile(99)),
                aim, Double.isNaN(aimP99Ms) ? "" : measured.percentile(99) < aimP99Ms ? "yes" : "no", loadNow()));
    }

    void figure(String what, String measured, String baseline, String ratio, String aim, boolean met) {
        add(new Row(what, measured, baseline, ratio, aim, aim.isEmpty() ? "" : met ? "yes" : "no", loadNow()));
    }

    /** The 1-minute load average as a figure is recorded: what the cores were busy with besides it. */
    private static String loadNow() {
        return "%.1f".formatted(Machine.loadAverageValue());
    }

    void note(String note) {
        notes.add(note);
        System.out.println("  note: " + note);
    }

    private void add(Row row) {
        rows.add(row);
        System.out.printf("  %-60s %-36s | %-44s | %-14s | %s %s | load %s%n", row.what(), row.measured(), row.baseline(), row.ratio(), row.aim(), row.met(), row.load());
    }

    /**
     * The table: into docs/benchmarks.md for a run of every part at full size, or at any size when {@code record}
     * (replacing the previous one; the table names its size), else into target/.
     */
    void write(Path projectRoot, boolean everyPart, boolean record) throws IOException {
        String table = markdown();
        if ((size.isFull() || record) && everyPart) {
            Path docs = projectRoot.resolve("docs/benchmarks.md");
            String text = Files.readString(docs);
            int begin = text.indexOf(BEGIN);
            int end = text.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalStateException("docs/benchmarks.md has no markers " + BEGIN + " ... " + END);
            }
            Files.writeString(docs, text.substring(0, begin + BEGIN.length()) + "\n" + table + text.substring(end));
            System.out.println("\nwritten into " + docs);
        } else {
            Path out = projectRoot.resolve("benchmarks/target/benchmarks-" + size.name() + ".md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table);
            System.out.println("\nwritten into " + out + " (only a full-size run of every part writes docs/benchmarks.md)");
        }
    }

    private String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run of ").append(DateTimeFormatter.ISO_LOCAL_DATE.format(started.atOffset(ZoneOffset.UTC)))
                .append(" (").append(Duration.between(started, Instant.now()).toMinutes()).append(" min, size ").append(size.describe())
                .append(") on ").append(Machine.describe()).append("; ").append(load.describe()).append(".\n\n");
        if (load.loaded()) {
            md.append("**Taken on a loaded machine**: other work kept the load average above the number of cores, so every figure, ")
                    .append("the raw baselines too, is slower than the system would be on its own; the ratios carry over better than ")
                    .append("the rates and milliseconds. The last column is the load when each figure was taken.\n\n");
        }
        md.append("| what | measured | raw baseline, same run | ratio | aim | met | load |\n|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> md.append("| ").append(String.join(" | ", r.what(), r.measured(), r.baseline(), r.ratio(), r.aim(), r.met(), r.load())).append(" |\n"));
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }
}
