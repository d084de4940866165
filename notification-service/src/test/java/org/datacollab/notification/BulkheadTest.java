package org.datacollab.notification;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.KafkaClients;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow or hostile receiver delays only its own deliveries (decision 0033). Four delivery workers, a deadline of
 * ten minutes: a receiver that never answers holds at most two of them (its subscription's share), so another
 * subscriber's ten deliveries all arrive while it is still stalled; a receiver that sends its headers and then
 * stalls has its deliveries recorded by their status at once. Waits are generous liveness bounds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "datacollab.webhooks.workers=4", "datacollab.webhooks.per-subscriber=2", "datacollab.webhooks.deadline=PT10M",
        "datacollab.webhooks.claim=PT20M", "datacollab.webhooks.allowed-hosts=127.0.0.1"})
class BulkheadTest {

    static final String SECRET = "notification-bulkhead-secret-0123456789abcdef";
    static HttpServer receiver;
    static KafkaProducer<String, byte[]> producer;
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger silentRequests = new AtomicInteger();
    static final AtomicInteger stallingRequests = new AtomicInteger();
    static final AtomicInteger quickDeliveries = new AtomicInteger();
    static final AtomicInteger slowDeliveries = new AtomicInteger();
    static final AtomicInteger slowUnderWay = new AtomicInteger();
    static final AtomicInteger slowMostAtOnce = new AtomicInteger();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("notification-bulkhead"), SECRET);
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/silent", exchange -> {
            exchange.getRequestBody().readAllBytes();
            silentRequests.incrementAndGet();
            awaitRelease();
            exchange.close();
        });
        receiver.createContext("/headers-then-stall", exchange -> {
            exchange.getRequestBody().readAllBytes();
            stallingRequests.incrementAndGet();
            exchange.sendResponseHeaders(200, 1000);
            exchange.getResponseBody().flush();
            awaitRelease();
            exchange.close();
        });
        receiver.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            slowMostAtOnce.accumulateAndGet(slowUnderWay.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            slowUnderWay.decrementAndGet();
            slowDeliveries.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/quick", exchange -> {
            exchange.getRequestBody().readAllBytes();
            quickDeliveries.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        producer = KafkaClients.producer();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        producer.close();
        receiver.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aStalledReceiverDelaysOnlyItsOwnDeliveries() throws Exception {
        WebTestClient http = new AsGateway(SECRET).client(port, Caller.admin("test-admin"));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        subscribe(http, "silent-" + suffix, "/silent");
        String stalling = subscribe(http, "stalling-" + suffix, "/headers-then-stall");
        subscribe(http, "quick-" + suffix, "/quick");

        announce("silent-" + suffix, 10);
        announce("stalling-" + suffix, 3);
        announce("quick-" + suffix, 10);

        await().atMost(Duration.ofSeconds(60)).until(() -> quickDeliveries.get() == 10);
        assertThat(release.getCount()).as("the silent receiver is still stalled").isEqualTo(1);
        assertThat(silentRequests.get()).as("attempts the silent receiver holds").isLessThanOrEqualTo(2);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> http.get().uri("/subscriptions/{id}/deliveries", stalling).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[?(@.status == 'DELIVERED')].id").value(ids -> assertThat((List<?>) ids).hasSize(3)));
        assertThat(stallingRequests.get()).isEqualTo(3);
    }

    @Autowired
    MeterRegistry meters;

    /**
     * A subscription's deliveries beyond its share wait on the instance for its attempts to end, holding no worker:
     * none goes back to the store to be claimed again a second later (which, at a hundred changes a second for one
     * subscriber, made the store's writes, not the receiver, the limit).
     */
    @Test
    void aBusySubscriptionsDeliveriesWaitForItsAttemptsWithoutGoingBackToTheStore() throws Exception {
        WebTestClient http = new AsGateway(SECRET).client(port, Caller.admin("test-admin"));
        String ref = "slow-" + UUID.randomUUID().toString().substring(0, 6);
        subscribe(http, ref, "/slow");
        double postponed = meters.counter("notification.deliveries.postponed").count();
        double waited = meters.counter("notification.deliveries.waited").count();

        announce(ref, 12);

        await().atMost(Duration.ofSeconds(60)).until(() -> slowDeliveries.get() == 12);
        assertThat(slowMostAtOnce.get()).as("attempts under way at once for the subscription").isLessThanOrEqualTo(2);
        assertThat(meters.counter("notification.deliveries.waited").count() - waited).as("deliveries that waited on the instance")
                .isPositive();
        assertThat(meters.counter("notification.deliveries.postponed").count()).as("deliveries given back to the store")
                .isEqualTo(postponed);
    }

    static String subscribe(WebTestClient http, String ref, String path) {
        byte[] body = http.post().uri("/subscriptions").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                 "webhook":{"url":"http://127.0.0.1:%d%s","secret":"%s"}}""".formatted(ref, ref, receiver.getAddress().getPort(), path,
                        NotificationServiceTest.secret()))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }

    /** {@code count} changes of one partnership, each on its own day (so each its own id). */
    static void announce(String ref, int count) throws Exception {
        for (int day = 0; day < count; day++) {
            RiskChange change = RiskChange.between(ref, "P", "NL", List.of(ref), ref, RiskLevel.NONE, RiskLevel.LOW, 15, List.of(), List.of(),
                    Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofDays(day)));
            producer.send(RiskChangeCodec.record(change)).get();
        }
    }

    static void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
