package org.datacollab.testsupport.machine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What a test (or build step) may need of the machine beyond a JDK: the README's test command runs on a
 * developer's laptop too, where these may be missing. {@link #absence()} names what is missing and why the test
 * needs it, or is empty when the machine has it. Each is probed once per JVM.
 *
 * <p>{@code -Ddatacollab.capabilities.absent=KUBECTL,CHROMIUM} makes the named ones count as absent, to see on a
 * full machine what a developer's would do (and to test this machinery).
 */
public enum Capability {

    /** Running a service from its image here: a mount namespace, chroot and a change of user. */
    ROOT("running the services from their images needs root (mount namespace, chroot, setuid)") {
        @Override
        Optional<String> probe() {
            // CAP_SETGID 6, CAP_SETUID 7, CAP_SYS_CHROOT 18, CAP_SYS_ADMIN 21: what ContainerImage's unshare and mount use
            long needed = (1L << 6) | (1L << 7) | (1L << 18) | (1L << 21);
            Optional<Long> effective = effectiveCapabilities();
            if (effective.isEmpty()) {
                return Optional.of("no /proc/self/status (not Linux)");
            }
            if ((effective.get() & needed) != needed) {
                return Optional.of("not root (user " + System.getProperty("user.name") + ")");
            }
            return Files.isExecutable(Path.of("/usr/bin/unshare")) ? Optional.empty() : Optional.of("no /usr/bin/unshare");
        }
    },
    /** Debian's package database: the base image takes glibc from the installed libc6. */
    DPKG("the base image takes glibc from Debian's installed libc6 package (dpkg-query)") {
        @Override
        Optional<String> probe() {
            return onPath("dpkg-query").isPresent() ? Optional.empty() : Optional.of("dpkg-query not found on the PATH");
        }
    },
    /** The base image is linux/amd64 (its glibc loader is ld-linux-x86-64). */
    X86_64_LINUX("the base image is linux/amd64") {
        @Override
        Optional<String> probe() {
            String os = System.getProperty("os.name");
            String arch = System.getProperty("os.arch");
            return os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"))
                    ? Optional.empty() : Optional.of("this machine is " + os + "/" + arch);
        }
    },
    /** jlink can link a runtime: the JDK has its jmods, or (JDK 24+) links from its own run-time image. */
    LINKABLE_JDK("the base image's Java runtime is linked with jlink from the building JDK") {
        @Override
        Optional<String> probe() {
            Path home = Path.of(System.getProperty("java.home"));
            if (Files.isDirectory(home.resolve("jmods"))) {
                return Optional.empty();
            }
            String help = output(List.of(home.resolve("bin/jlink").toString(), "--help"));
            return help.contains("Linking from run-time image enabled") ? Optional.empty()
                    : Optional.of("the JDK at " + home + " has no jmods and cannot link from its run-time image");
        }
    },
    /** The Kubernetes manifests are rendered with {@code kubectl kustomize}. */
    KUBECTL("the manifests in k8s/ are rendered with kubectl kustomize") {
        @Override
        Optional<String> probe() {
            return onPath("kubectl").isPresent() ? Optional.empty() : Optional.of("kubectl not found on the PATH");
        }
    },
    /** A Chromium for the dashboard's browser test (Playwright drives it; no browser is downloaded). */
    CHROMIUM("the dashboard is tested in headless Chromium") {
        @Override
        Optional<String> probe() {
            return chromium().isPresent() ? Optional.empty()
                    : Optional.of("no chromium, chromium-browser or google-chrome on the PATH, and DATACOLLAB_CHROMIUM not set");
        }
    };

    private static final Map<Capability, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private final String neededFor;

    Capability(String neededFor) {
        this.neededFor = neededFor;
    }

    abstract Optional<String> probe();

    /** Why this machine lacks it ("kubectl not found on the PATH"), or empty when it has it. */
    public Optional<String> absence() {
        if (Arrays.stream(System.getProperty("datacollab.capabilities.absent", "").split(","))
                .map(String::trim).anyMatch(name()::equals)) {
            return Optional.of(name() + " counted as absent (datacollab.capabilities.absent)");
        }
        return PROBED.computeIfAbsent(this, Capability::probe);
    }

    public boolean present() {
        return absence().isEmpty();
    }

    /** What needs it, as a sentence: "the manifests in k8s/ are rendered with kubectl kustomize". */
    public String neededFor() {
        return neededFor;
    }

    /** The Chromium to drive: DATACOLLAB_CHROMIUM, else the first of chromium, chromium-browser, google-chrome on the PATH. */
    public static Optional<Path> chromium() {
        String configured = System.getenv("DATACOLLAB_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return onPath("chromium").or(() -> onPath("chromium-browser")).or(() -> onPath("google-chrome"));
    }

    /** An executable of that name in a folder of the PATH. */
    public static Optional<Path> onPath(String executable) {
        return onPath(executable, System.getenv().getOrDefault("PATH", ""));
    }

    /** An executable of that name in a folder of the given search path. */
    static Optional<Path> onPath(String executable, String path) {
        return Arrays.stream(path.split(File.pathSeparator)).filter(folder -> !folder.isBlank())
                .map(folder -> Path.of(folder, executable)).filter(Files::isExecutable).findFirst();
    }

    private static Optional<Long> effectiveCapabilities() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("CapEff:"))
                    .map(line -> Long.parseUnsignedLong(line.substring("CapEff:".length()).trim(), 16)).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(30, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
