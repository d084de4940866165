package org.datacollab.buildreport;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Prints, at the end of the build, every skip of this build across modules with its reason: the README's test
 * command runs everything a machine can run, and says here what it could not. Run as the reactor's last step:
 * {@code SkipSummary <project root> <build start, ISO instant> <require all: true|false>}; with require-all a
 * skip fails the build (the tests fail on their own already; this catches any skip that is not theirs).
 */
public final class SkipSummary {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Instant buildStarted = Instant.parse(args[1]);
        boolean requireAll = args.length > 2 && Boolean.parseBoolean(args[2]);
        List<Skip> skips = collect(root, buildStarted);
        print(skips, System.out);
        if (requireAll && !skips.isEmpty()) {
            throw new IllegalStateException(skips.size() + " skipped in this build, and datacollab.require-all is set");
        }
    }

    /** Every skip reported by this build (reports older than its start are from an earlier build and left out). */
    static List<Skip> collect(Path root, Instant buildStarted) throws IOException {
        List<Skip> skips = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(folder -> Files.isRegularFile(folder.resolve("pom.xml"))).sorted().toList()) {
                String name = module.getFileName().toString();
                for (Path report : files(module.resolve("target/surefire-reports"), "TEST-", ".xml", buildStarted)) {
                    skips.addAll(SurefireReport.skips(name, report));
                }
                for (Path record : files(module.resolve("target/datacollab-skips"), "", ".txt", buildStarted)) {
                    skips.addAll(SkipRecord.read(name, record));
                }
            }
        }
        return skips;
    }

    static void print(List<Skip> skips, PrintStream out) {
        // a class skipped as a whole is reported once per test: one line per module, test class and reason
        Map<String, Integer> lines = new TreeMap<>();
        for (Skip skip : skips) {
            lines.merge(String.format("  %-20s %s: %s", skip.module(), skip.what(), skip.reason()), 1, Integer::sum);
        }
        out.println();
        if (skips.isEmpty()) {
            out.println("Skipped in this build: nothing (every test and build step ran)");
        } else {
            out.println("Skipped in this build (" + skips.size() + "; -Ddatacollab.require-all=true, as .ci/run sets, fails on these instead):");
            lines.forEach((line, count) -> out.println(count == 1 ? line : line + " [" + count + " tests]"));
        }
        out.println();
    }

    private static List<Path> files(Path folder, String prefix, String suffix, Instant notBefore) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> found = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(suffix)
                        && !Files.getLastModifiedTime(file).toInstant().isBefore(notBefore)) {
                    found.add(file);
                }
            }
            return found;
        }
    }

    /** One skipped test or build step: the module, what was skipped (a test class, a step) and why. */
    record Skip(String module, String what, String reason) {
    }

    private SkipSummary() {
    }
}
