package org.datacollab.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the figures were measured on: CPU model and cores, memory, operating system, Java. */
final class Machine {

    static String describe() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        long memoryKb = firstValue(Path.of("/proc/meminfo"), "MemTotal").map(v -> Long.parseLong(v.replaceAll("\\D", ""))).orElse(0L);
        return "%s, %d cores, %.1f GB memory, %s %s, Java %s".formatted(cpu, Runtime.getRuntime().availableProcessors(),
                memoryKb / 1024.0 / 1024.0, System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("java.version"));
    }

    /** The load average over the last minute (other work on the machine weighs on every figure); NaN where unknown. */
    static double loadAverageValue() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** CPU time (user + system) a process has used, in seconds, from /proc. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** Resident set size in MB, from /proc. */
    static long residentMb(long pid) {
        return firstValue(Path.of("/proc/" + pid + "/status"), "VmRSS").map(v -> Long.parseLong(v.replaceAll("\\D", "")) / 1024).orElse(-1L);
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream().filter(l -> l.startsWith(key)).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst();
        } catch (Exception e) {
            return java.util.Optional.empty();
        }
    }

    private Machine() {
    }
}
