package org.datacollab.e2e;

import org.datacollab.localstack.LocalStack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** One local stack for all end-to-end tests of a run (starting one takes about a minute), stopped at JVM exit. */
final class SharedStack {

    private static LocalStack stack;

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path folder = Files.createDirectories(Path.of("target")).resolve("e2e-stack-" + ProcessHandle.current().pid());
                stack = LocalStack.start(folder, LocalStack.Ports.free(), Map.of());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(started::kill, "e2e-stack-shutdown"));
        }
        return stack;
    }

    private SharedStack() {
    }
}
