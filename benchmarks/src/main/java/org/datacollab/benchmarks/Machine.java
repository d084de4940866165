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

    /**
     * What a JVM's resident memory is made of, after a full collection asked for with jcmd: the heap in use (what the
     * service needs) against the heap committed and the resident total, or why unknown.
     */
    static String afterFullGc(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            run(jcmd, String.valueOf(pid), "GC.run");
            String info = run(jcmd, String.valueOf(pid), "GC.heap_info");
            long used = 0;
            long total = 0;
            for (String line : info.lines().toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(line);
                if (m.find()) {
                    total += Long.parseLong(m.group(1));
                    used += Long.parseLong(m.group(2));
                }
            }
            long resident = residentMb(pid);
            return "heap in use %d MB of %d MB committed; resident %d MB".formatted(used / 1024, total / 1024, resident);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
        return out;
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
