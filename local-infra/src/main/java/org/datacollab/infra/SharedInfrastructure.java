package org.datacollab.infra;

import java.nio.file.Path;

/** One infrastructure per JVM, started on first use and stopped when the JVM ends. */
final class SharedInfrastructure {

    private static Infrastructure instance;

    static synchronized Infrastructure get() {
        if (instance == null) {
            instance = start();
            Infrastructure started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::abandon, "infrastructure-shutdown"));
            System.out.println("[infrastructure] " + started.describe());
        }
        return instance;
    }

    private static Infrastructure start() {
        String choice = System.getProperty("datacollab.infrastructure", System.getenv().getOrDefault("DATACOLLAB_INFRASTRUCTURE", "auto"));
        boolean containers = switch (choice) {
            case "containers" -> true;
            case "local" -> false;
            default -> ContainerInfrastructure.dockerAvailable();
        };
        if (containers) {
            return ContainerInfrastructure.start();
        }
        // a start that fails (a port taken between choosing it and binding it) is tried again, on other ports
        for (int attempt = 1; ; attempt++) {
            Path folder = Path.of("target", "local-infra-" + ProcessHandle.current().pid() + (attempt == 1 ? "" : "-" + attempt));
            try {
                return LocalInfrastructure.start(folder, Ports.free(), Ports.free(), Ports.free());
            } catch (RuntimeException failed) {
                if (attempt == 3) {
                    throw failed;
                }
                System.err.println("[infrastructure] could not start (attempt " + attempt + "), trying again on other ports: "
                        + failed.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private SharedInfrastructure() {
    }
}
