package org.datacollab.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.Comparator;

/**
 * A service's image as Jib wrote it ({@code <service>/target/jib-image.tar}, the {@code docker save} layout), and
 * how to run it here without a container engine: its layers are unpacked, in order, into a root filesystem next
 * to the tarball, and its entrypoint runs in a process of its own mount namespace with /proc and /dev mounted,
 * the root changed to that filesystem (read-only, with a private tmpfs on /tmp, as the Deployments run it), as
 * the image's user, with the image's environment plus the service's and nothing of the launching JVM's. The network is the host's (loopback), as with {@code --network host}.
 *
 * <p>That is what a container runtime does, short of cgroup limits and namespaces for network and process ids;
 * it needs root (or CAP_SYS_ADMIN and CAP_SYS_CHROOT), which CI has.
 */
public record ContainerImage(String name, Path rootfs, List<String> entrypoint, List<String> arguments,
                             Map<String, String> environment, String user, String workingDir) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The image a service's build wrote, unpacked (once per tarball: it is unpacked again when the tarball changes). */
    public static synchronized ContainerImage of(Path projectRoot, String service) {
        Path tarball = projectRoot.resolve(service).resolve("target/jib-image.tar");
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no image tarball " + tarball + "; build it first: ./mvnw install -DskipTests -Pimages");
        }
        try {
            Path unpacked = tarball.resolveSibling("jib-image");
            Path stamp = unpacked.resolve("unpacked-from");
            String identity = Files.size(tarball) + " " + Files.getLastModifiedTime(tarball).toMillis();
            if (!Files.exists(stamp) || !Files.readString(stamp).equals(identity)) {
                unpack(tarball, unpacked);
                Files.writeString(stamp, identity);
            }
            return read(unpacked);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + tarball, e);
        }
    }

    private static void unpack(Path tarball, Path unpacked) throws IOException {
        delete(unpacked);
        Path archive = Files.createDirectories(unpacked.resolve("archive"));
        Path rootfs = Files.createDirectories(unpacked.resolve("rootfs"));
        run(List.of("tar", "--extract", "--file", tarball.toString(), "--directory", archive.toString()));
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        for (JsonNode layer : manifest.get("Layers")) {
            // in order, as an overlay stacks them; Jib's layers only add files (no whiteouts). The owners are kept
            // where this runs as root (tar's default for root, as a runtime unpacks); elsewhere the files are the
            // user's, enough to check what the image holds (running it needs root anyway)
            run(List.of("tar", "--extract", "--warning=no-unknown-keyword", "--same-permissions",
                    "--file", archive.resolve(layer.asText()).toString(), "--directory", rootfs.toString()));
        }
        // what a runtime injects: the host's name resolution (the network is the host's)
        Files.createDirectories(rootfs.resolve("etc"));
        for (String file : List.of("hosts", "resolv.conf")) {
            Path source = Path.of("/etc", file);
            if (Files.isReadable(source)) {
                Files.copy(source, rootfs.resolve("etc").resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        for (String mountPoint : List.of("proc", "dev", "tmp")) {
            Files.createDirectories(rootfs.resolve(mountPoint));
        }
    }

    private static ContainerImage read(Path unpacked) throws IOException {
        Path archive = unpacked.resolve("archive");
        JsonNode manifest = JSON.readTree(archive.resolve("manifest.json").toFile()).get(0);
        JsonNode config = JSON.readTree(archive.resolve(manifest.get("Config").asText()).toFile()).get("config");
        Map<String, String> environment = new LinkedHashMap<>();
        config.path("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            environment.put(pair[0], pair.length > 1 ? pair[1] : "");
        });
        return new ContainerImage(manifest.get("RepoTags").get(0).asText(), unpacked.resolve("rootfs"),
                strings(config.path("Entrypoint")), strings(config.path("Cmd")), environment,
                config.path("User").asText("0:0"), config.path("WorkingDir").asText("/"));
    }

    /**
     * The command that runs the image's entrypoint as a container would: a private mount namespace with /proc
     * and the host's /dev, root changed to the image's filesystem, its working folder, its user. Every step
     * replaces the process before it (exec), so the process started is the service's JVM itself: its pid is
     * the JVM's, and SIGTERM or SIGKILL reach it directly.
     */
    public List<String> command() {
        String[] ids = user.split(":");
        String uid = ids[0];
        String gid = ids.length > 1 ? ids[1] : ids[0];
        if (!uid.chars().allMatch(Character::isDigit) || !gid.chars().allMatch(Character::isDigit)) {
            throw new IllegalStateException("image " + name + " names its user " + user + "; only numeric uid:gid runs here");
        }
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c",
                // the root read-only and /tmp a fresh tmpfs per process, as the Deployments run them
                // (readOnlyRootFilesystem, an emptyDir on /tmp): a service that writes elsewhere fails here too
                "/bin/mount --bind \"$0\" \"$0\" && /bin/mount -o remount,bind,ro \"$0\""
                        + " && /bin/mount -t proc proc \"$0/proc\" && /bin/mount --rbind /dev \"$0/dev\""
                        + " && /bin/mount -t tmpfs -o mode=1777,size=256m tmpfs \"$0/tmp\""
                        + " && exec /usr/bin/unshare --root=\"$0\" --wd=\"" + workingDir + "\" --setgid " + gid + " --setuid " + uid + " -- \"$@\"",
                rootfs.toString()));
        command.addAll(entrypoint);
        command.addAll(arguments);
        return command;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
