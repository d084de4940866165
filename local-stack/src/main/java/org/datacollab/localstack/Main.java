package org.datacollab.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * {@code ./mvnw install -DskipTests -Pdemo} runs this: the local stack on the default ports with data under
 * {@code .local-stack/} (kept across runs), the demo cases loaded, the URLs printed; Ctrl-C stops it all.
 */
public final class Main {

    public static void main(String[] args) throws InterruptedException, IOException {
        boolean demo = Arrays.asList(args).contains("--demo");
        Instant started = Instant.now();
        System.out.println("Starting Kafka (KRaft), the MongoDB-protocol server and the four services...");
        Path folder = LocalStack.projectRoot().resolve(".local-stack");
        LocalStack stack = LocalStack.start(folder, LocalStack.Ports.defaults(), Map.of("BOOTSTRAP_ADMIN_KEY", adminKey(folder)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        Duration startup = Duration.between(started, Instant.now());
        if (demo) {
            DemoData.load(stack.gatewayUrl(), stack.adminKey()).forEach(line -> System.out.println("  demo case " + line));
        }
        System.out.printf("""

                DataCollab Registry is running (started in %.1f s).
                  gateway (the one entry)   %s
                    admin API key           %s   (also in .local-stack/admin-key)
                    dashboard               %s/dashboard/
                    API explorer            %s/swagger-ui.html
                    registry API            %s/api/registry/partnerships/{ref}
                    assessment API          %s/api/assessment/partnerships/{ref}/assessment
                    notifications API       %s/api/notifications/subscriptions
                  registry-service          %s   (direct, for operators)
                  assessment-service        %s
                  notification-service      %s
                  Kafka bootstrap           127.0.0.1:%d
                  MongoDB                   mongodb://127.0.0.1:%d
                  logs                      %s
                Press Ctrl-C to stop.
                %n""", startup.toMillis() / 1000.0, stack.gatewayUrl(), stack.adminKey(), stack.gatewayUrl(), stack.gatewayUrl(),
                stack.gatewayUrl(), stack.gatewayUrl(), stack.gatewayUrl(),
                stack.url("registry-service"), stack.url("assessment-service"), stack.url("notification-service"),
                stack.ports().kafka(), stack.ports().mongo(), LocalStack.projectRoot().resolve(".local-stack/logs"));
        stopped.await();
    }

    /** The local admin key: DATACOLLAB_ADMIN_KEY, else the one kept in .local-stack/admin-key (made on the first run). */
    static String adminKey(Path folder) throws IOException {
        String fromEnvironment = System.getenv("DATACOLLAB_ADMIN_KEY");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        Path file = Files.createDirectories(folder).resolve("admin-key");
        if (Files.exists(file)) {
            return Files.readString(file).trim();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String key = "local-admin-" + HexFormat.of().formatHex(bytes);
        Files.writeString(file, key + "\n");
        return key;
    }

    private Main() {
    }
}
