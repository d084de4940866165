package org.datacollab.testsupport.machine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** A test that needs what the machine lacks is skipped with the reason, or failed where everything is required. */
class RequiresTest {

    @AfterEach
    void reset() {
        System.clearProperty("datacollab.capabilities.absent");
        System.clearProperty(RequireAll.PROPERTY);
    }

    @Test
    void aClassThatNeedsAnAbsentCapabilityIsSkippedWithTheReason() {
        System.setProperty("datacollab.capabilities.absent", "KUBECTL");

        EngineExecutionResults results = run(NeedsKubectl.class);

        results.testEvents().assertStatistics(stats -> stats.started(0).failed(0));
        Event skipped = results.containerEvents().skipped().list().getFirst();
        assertThat(skipped.getTestDescriptor().getDisplayName()).endsWith("NeedsKubectl");
        assertThat(skipped.getPayload(String.class)).hasValueSatisfying(reason ->
                assertThat(reason).contains("needs KUBECTL", "kubectl kustomize", "counted as absent"));
    }

    @Test
    void aMethodThatNeedsAnAbsentCapabilityIsSkippedAndTheOthersRun() {
        System.setProperty("datacollab.capabilities.absent", "CHROMIUM");

        EngineExecutionResults results = run(OneMethodNeedsChromium.class);

        results.testEvents().assertStatistics(stats -> stats.skipped(1).succeeded(1).failed(0));
        Event skipped = results.testEvents().skipped().list().getFirst();
        assertThat(skipped.getTestDescriptor().getDisplayName()).isEqualTo("drivesABrowser()");
        assertThat(skipped.getPayload(String.class)).hasValueSatisfying(reason ->
                assertThat(reason).contains("needs CHROMIUM", "headless Chromium"));
    }

    @Test
    void whereEverythingIsRequiredAMissingCapabilityFails() {
        System.setProperty("datacollab.capabilities.absent", "CHROMIUM");
        System.setProperty(RequireAll.PROPERTY, "true");

        EngineExecutionResults results = run(OneMethodNeedsChromium.class);

        results.testEvents().assertStatistics(stats -> stats.skipped(0).succeeded(1).failed(1));
        Throwable cause = results.testEvents().failed().list().getFirst().getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(cause).hasStackTraceContaining("needs CHROMIUM").hasStackTraceContaining(RequireAll.PROPERTY);
    }

    @Test
    void aCapabilityThatIsNotMissingLetsTheTestRun() {
        EngineExecutionResults results = run(NeedsNothingAbsent.class);

        results.testEvents().assertStatistics(stats -> stats.skipped(0).succeeded(1).failed(0));
    }

    @Test
    void executablesAreFoundInTheFoldersOfTheSearchPath(@TempDir Path folder) throws Exception {
        Path tool = Files.createFile(folder.resolve("tool"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.createFile(folder.resolve("plain"));

        assertThat(Capability.onPath("tool", "/nonexistent" + File.pathSeparator + folder)).contains(tool);
        assertThat(Capability.onPath("tool", "/nonexistent")).isEmpty();
        assertThat(Capability.onPath("plain", folder.toString())).as("not executable").isEmpty();
    }

    private static EngineExecutionResults run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute();
    }

    // The classes below run only through the engine test kit above (surefire leaves nested classes out).

    @Requires(Capability.KUBECTL)
    static class NeedsKubectl {
        @Test
        void rendersManifests() {
        }
    }

    static class OneMethodNeedsChromium {
        @Test
        @Requires(Capability.CHROMIUM)
        void drivesABrowser() {
        }

        @Test
        void needsNothing() {
        }
    }

    @Requires({})
    static class NeedsNothingAbsent {
        @Test
        void runs() {
        }
    }
}
