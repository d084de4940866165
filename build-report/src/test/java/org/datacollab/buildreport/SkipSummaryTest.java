package org.datacollab.buildreport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The build's summary lists every skip of this build, in every module, with its reason, and nothing older. */
class SkipSummaryTest {

    @TempDir
    Path root;
    final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void everySkippedTestAndBuildStepOfThisBuildIsListedWithItsReason() throws Exception {
        report("k8s-tests", "org.datacollab.k8s.ManifestsTest", """
                <testcase name="a" classname="org.datacollab.k8s.ManifestsTest"><skipped message="needs KUBECTL: kubectl not found on the PATH"/></testcase>
                <testcase name="b" classname="org.datacollab.k8s.ManifestsTest"><skipped message="needs KUBECTL: kubectl not found on the PATH"/></testcase>
                """, started);
        report("e2e-tests", "org.datacollab.e2e.ImagesTest", """
                <testcase name="ran" classname="org.datacollab.e2e.ImagesTest" time="1.0"/>
                <testcase name="c" classname="org.datacollab.e2e.ImagesTest"><skipped type="org.opentest4j.TestAbortedException"><![CDATA[org.opentest4j.TestAbortedException: Assumption failed: no images
                	at somewhere]]></skipped></testcase>
                """, started.plusSeconds(1));
        Files.writeString(Files.createDirectories(module("base-image").resolve("target/datacollab-skips")).resolve("base-image.txt"),
                "base image (and the services' images)\tneeds DPKG: dpkg-query not found on the PATH\n");

        List<SkipSummary.Skip> skips = SkipSummary.collect(root, started);

        assertThat(skips).containsExactlyInAnyOrder(
                new SkipSummary.Skip("base-image", "base image (and the services' images)", "needs DPKG: dpkg-query not found on the PATH"),
                new SkipSummary.Skip("e2e-tests", "ImagesTest", "org.opentest4j.TestAbortedException: Assumption failed: no images"),
                new SkipSummary.Skip("k8s-tests", "ManifestsTest", "needs KUBECTL: kubectl not found on the PATH"),
                new SkipSummary.Skip("k8s-tests", "ManifestsTest", "needs KUBECTL: kubectl not found on the PATH"));
        assertThat(printed(skips)).contains("Skipped in this build (4;")
                .contains("k8s-tests            ManifestsTest: needs KUBECTL: kubectl not found on the PATH [2 tests]")
                .contains("base-image           base image (and the services' images): needs DPKG");
    }

    @Test
    void reportsLeftByAnEarlierBuildAreNotThisBuildsSkips() throws Exception {
        report("k8s-tests", "org.datacollab.k8s.ManifestsTest", """
                <testcase name="a" classname="org.datacollab.k8s.ManifestsTest"><skipped message="needs KUBECTL"/></testcase>
                """, started.minusSeconds(3600));
        report("contracts", "org.datacollab.contracts.SchemaTest", """
                <testcase name="a" classname="org.datacollab.contracts.SchemaTest" time="0.1"/>
                """, started);

        List<SkipSummary.Skip> skips = SkipSummary.collect(root, started);

        assertThat(skips).isEmpty();
        assertThat(printed(skips)).contains("Skipped in this build: nothing");
    }

    @Test
    void whereEverythingIsRequiredASkipFailsTheBuild() throws Exception {
        report("k8s-tests", "org.datacollab.k8s.ManifestsTest", """
                <testcase name="a" classname="org.datacollab.k8s.ManifestsTest"><skipped message="needs KUBECTL"/></testcase>
                """, started);

        assertThatThrownBy(() -> SkipSummary.main(new String[]{root.toString(), started.toString(), "true"}))
                .hasMessageContaining("1 skipped").hasMessageContaining("datacollab.require-all");
    }

    private Path module(String name) throws Exception {
        Path module = Files.createDirectories(root.resolve(name));
        if (!Files.exists(module.resolve("pom.xml"))) {
            Files.writeString(module.resolve("pom.xml"), "<project/>");
        }
        return module;
    }

    private void report(String module, String testClass, String testCases, Instant written) throws Exception {
        Path report = Files.createDirectories(module(module).resolve("target/surefire-reports")).resolve("TEST-" + testClass + ".xml");
        Files.writeString(report, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"" + testClass + "\">\n"
                + testCases + "</testsuite>\n");
        Files.setLastModifiedTime(report, FileTime.from(written));
    }

    private static String printed(List<SkipSummary.Skip> skips) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SkipSummary.print(skips, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
