package org.datacollab.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./mvnw install -DskipTests -Pdemo} runs this: the local stack on the default ports with data under
 * {@code .local-stack/} (kept across runs), the demo cases loaded, the URLs printed; Ctrl-C stops it all.
 */
public final class Main {

    public static void main(String[] args) throws InterruptedException {
        boolean demo = Arrays.asList(args).contains("--demo");
        Instant started = Instant.now();
        System.out.println("Starting Kafka (KRaft), the MongoDB-protocol server and the four services...");
        LocalStack stack = LocalStack.start(LocalStack.projectRoot().resolve(".local-stack"), LocalStack.Ports.defaults(), Map.of());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        Duration startup = Duration.between(started, Instant.now());
        if (demo) {
            DemoData.load(stack.gatewayUrl()).forEach(line -> System.out.println("  demo case " + line));
        }
        System.out.printf("""

                DataCollab Registry is running (started in %.1f s).
                  gateway (the one entry)   %s
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
                %n""", startup.toMillis() / 1000.0, stack.gatewayUrl(), stack.gatewayUrl(), stack.gatewayUrl(), stack.gatewayUrl(),
                stack.url("registry-service"), stack.url("assessment-service"), stack.url("notification-service"),
                stack.ports().kafka(), stack.ports().mongo(), LocalStack.projectRoot().resolve(".local-stack/logs"));
        stopped.await();
    }

    private Main() {
    }
}
