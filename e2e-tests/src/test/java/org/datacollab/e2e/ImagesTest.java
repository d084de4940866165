package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.datacollab.localstack.ContainerImage;
import org.datacollab.localstack.LocalStack;
import org.datacollab.testsupport.machine.Capability;
import org.datacollab.testsupport.machine.Requires;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The images Jib builds (-Pimages): one tarball per service, on the base image built in base-image/, each naming
 * the service's own entrypoint, non-root, the heap following the container's limit; and the end-to-end stack of
 * this run really runs from them (with -Pimages, every end-to-end test and the fault suite do). Building them
 * needs dpkg, x86-64 Linux and a JDK that can link; running them needs root: a machine without is skipped here.
 */
@Tag("images")
@Requires({Capability.DPKG, Capability.X86_64_LINUX, Capability.LINKABLE_JDK})
class ImagesTest {

    /** What running the services from their images needs: building them (base-image/build-base-image.sh checks the same), and root. */
    static final List<Capability> RUN_CAPABILITIES = List.of(Capability.DPKG, Capability.X86_64_LINUX, Capability.LINKABLE_JDK, Capability.ROOT);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = LocalStack.projectRoot();

    @Test
    void eachServiceHasAnImageThatNamesItsEntrypoint() throws Exception {
        String registry = System.getProperty("image.registry");
        String version = System.getProperty("project.version");
        assertThat(registry).as("image.registry (set by the build)").isNotBlank();
        for (String service : LocalStack.SERVICES) {
            Path tarball = ROOT.resolve(service).resolve("target/jib-image.tar");
            assertThat(tarball).as(service + "'s image tarball").isRegularFile();
            Map<String, byte[]> entries = entries(tarball);
            JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
            assertThat(manifest.get("RepoTags").get(0).asText()).isEqualTo(registry + "/" + service + ":" + version);

            JsonNode image = JSON.readTree(entries.get(manifest.get("Config").asText()));
            JsonNode config = image.get("config");
            assertThat(strings(config.get("Entrypoint"))).as(service + "'s entrypoint").containsExactly(
                    "java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-cp", "@/app/jib-classpath-file",
                    startClass(service));
            assertThat(config.get("User").asText()).as(service + " runs as nonroot").isEqualTo("65532:65532");
            assertThat(strings(config.get("Env"))).contains("PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java");

            // every layer is in the tarball, named by its digest, and the config lists one diff id per layer
            List<String> layers = strings(manifest.get("Layers"));
            assertThat(layers).hasSize(image.get("rootfs").get("diff_ids").size()).hasSizeGreaterThanOrEqualTo(2);
            for (String layer : layers) {
                assertThat(entries).containsKey(layer);
                assertThat(layer).isEqualTo(sha256(entries.get(layer)) + ".tar.gz");
            }
            // the first layer is the base image built here, the same in every service's image
            assertThat(image.get("rootfs").get("diff_ids").get(0).asText()).as(service + "'s base layer").isEqualTo(baseLayerDiffId());
        }
    }

    @Test
    void theEntrypointHasWhatItNeedsAndNothingElse() throws Exception {
        for (String service : LocalStack.SERVICES) {
            ContainerImage image = ContainerImage.of(ROOT, service);
            Path rootfs = image.rootfs();
            assertThat(rootfs.resolve("opt/java/bin/java")).isExecutable();
            assertThat(rootfs.resolve("usr/lib/x86_64-linux-gnu/libc.so.6")).exists();
            // the class path Jib wrote names only files that are in the image
            String classPath = Files.readString(rootfs.resolve("app/jib-classpath-file")).trim();
            List<String> entries = List.of(classPath.split(":"));
            assertThat(entries).hasSizeGreaterThan(50).contains("/app/classes");
            for (String entry : entries) {
                assertThat(rootfs.resolve(entry.substring(1))).as(service + ": " + entry).exists();
            }
            // distroless: no shell, no package manager; a nonroot user and a writable /tmp
            assertThat(rootfs.resolve("bin/sh")).doesNotExist();
            assertThat(rootfs.resolve("usr/bin/apt-get")).doesNotExist();
            assertThat(Files.readString(rootfs.resolve("etc/passwd"))).contains("nonroot:x:65532:65532:");
            assertThat(Files.getPosixFilePermissions(rootfs.resolve("tmp")))
                    .contains(PosixFilePermission.OTHERS_WRITE);
        }
    }

    @Test
    @Requires(Capability.ROOT)
    void theEndToEndStackRunsFromTheImages() throws Exception {
        LocalStack stack = SharedStack.get();
        assertThat(stack.fromImages()).as("-Pimages runs the end-to-end tests on the images").isTrue();
        for (String service : LocalStack.SERVICES) {
            long pid = stack.service(service).pid();
            // the process the stack started is the service's JVM itself, root changed to the image, as its user
            assertThat(Files.readSymbolicLink(Path.of("/proc/" + pid + "/root")))
                    .isEqualTo(ContainerImage.of(ROOT, service).rootfs().toRealPath());
            assertThat(Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(line -> line.startsWith("Uid:")).findFirst().orElseThrow()).matches("Uid:\\s+65532\\s+65532.*");
            String commandLine = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertThat(commandLine).startsWith("java -XX:MaxRAMPercentage=75").endsWith(startClass(service) + " ");
            // as the Deployments run it: the root read-only, /tmp its own tmpfs (so nothing writes anywhere else)
            Map<String, String> mounts = new LinkedHashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/mountinfo"))) {
                // id parent major:minor root mountpoint options [optional...] - fstype source superoptions
                List<String> fields = List.of(line.split(" "));
                mounts.put(fields.get(4), fields.get(5) + " " + fields.get(fields.indexOf("-") + 1));
            }
            assertThat(mounts.get("/")).as(service + "'s root mount").startsWith("ro");
            assertThat(mounts.get("/tmp")).as(service + "'s /tmp").startsWith("rw").endsWith("tmpfs");
        }
    }

    private static String startClass(String service) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(service).resolve("target"))) {
            Path jar = files.filter(p -> p.getFileName().toString().endsWith("-exec.jar")).findFirst().orElseThrow();
            try (JarFile file = new JarFile(jar.toFile())) {
                return file.getManifest().getMainAttributes().getValue("Start-Class");
            }
        }
    }

    private static String baseLayerDiffId() throws Exception {
        Map<String, byte[]> base = entries(ROOT.resolve("base-image/target/base-image.tar"));
        JsonNode config = JSON.readTree(base.get("config.json"));
        String diffId = config.get("rootfs").get("diff_ids").get(0).asText();
        assertThat(diffId).isEqualTo("sha256:" + sha256(base.get("layer.tar")));
        return diffId;
    }

    /** The entries of an uncompressed tar (ustar/GNU headers; the tarballs here hold only regular files). */
    private static Map<String, byte[]> entries(Path tarball) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tarball)) {
            byte[] header = new byte[512];
            while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (header[156] == '0' || header[156] == 0) {
                    entries.put(name, content);
                }
            }
        }
        return entries;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
