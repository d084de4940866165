package org.datacollab.notification.delivery;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A delivery is two writes: the delivery, and its listing under the time of its next attempt (the due index, which is
 * all that the delivery poll reads). A crash of the instance, or of MongoDB, between two such writes left a delivery
 * pending and listed nowhere: never attempted, its webhook lost, as the fault suite's missing alerts are (decision
 * 0062; the first enqueue cut short is NotificationServiceTest's case). This builds the state a crash leaves while a
 * delivery moves to the time of its next attempt, and shows that the delivery is still attempted. Deliveries are
 * stored two hours ahead of the wall clock, so that the service's own delivery poll leaves them alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeliveryAfterCrashTest {

    static final String SECRET = "notification-crash-secret-0123456789abcdef";
    static final Instant AHEAD = Instant.now().plus(Duration.ofHours(2));
    static HttpServer receiver;
    static final List<String> hookIds = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("notification-crash"), SECRET);
        registry.add("datacollab.webhooks.allowed-hosts", () -> "127.0.0.1");
    }

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    ApplicationContext context;
    @Autowired
    MongoClient mongo;
    @Value("${spring.mongodb.database}")
    String database;

    /**
     * An attempt that failed (or a release) moves the delivery to the bucket of its next attempt; killed after the
     * delivery was updated and before the new bucket listed it, it is still listed in its old bucket only. The poll
     * that reads the old bucket moves it on instead of dropping it (which left it pending for ever), and it is
     * attempted when its time comes.
     */
    @Test
    void aDeliveryListedInItsOldBucketOnlyIsMovedOnNotDropped() throws Exception {
        String ref = "moved-" + UUID.randomUUID().toString().substring(0, 6);
        String subscription = subscribe(ref);
        Instant at = AHEAD.plus(Duration.ofMinutes(10));
        String delivery = enqueue(subscription, ref, at);
        Instant next = at.plusSeconds(60);
        // what recordAttempt wrote before the crash: a failed attempt, the next one a minute later; still listed at `at`
        database().getCollection("deliveries").updateOne(Filters.eq("_id", delivery), Updates.combine(
                Updates.inc("attempts", 1), Updates.set("nextAttemptAt", Date.from(next)), Updates.set("claimedUntil", Date.from(at))));

        assertThat(deliveries.due(at.plusSeconds(1))).as("not due yet").doesNotContain(delivery);
        assertThat(deliveries.due(next.plusSeconds(1))).as("due at its next attempt").contains(delivery);
        Deliverer deliverer = instance(next.plusSeconds(1));
        try {
            deliverer.retryDue();
            // the receiver has it before the attempt is recorded
            await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(deliveries.document(delivery).getString("status")));
        } finally {
            deliverer.stopWorkers();
        }
    }

    private MongoDatabase database() {
        return mongo.getDatabase(database);
    }

    private Deliverer instance(Instant now) {
        return TestDeliverers.instance(context, deliveries, TestDeliverers.at(now), new SimpleMeterRegistry());
    }

    private String enqueue(String subscription, String ref, Instant at) {
        assertThat(enqueueAgain(subscription, ref, at)).isTrue();
        return DeliveryStore.id("risk-" + ref, subscription, "webhook");
    }

    private boolean enqueueAgain(String subscription, String ref, Instant at) {
        return deliveries.enqueue("risk-" + ref, subscription, "webhook", ref, "RiskRaised", "{\"ref\":\"" + ref + "\"}", at, at);
    }

    private String subscribe(String ref) {
        byte[] body = new AsGateway(SECRET).client(port, Caller.admin("test-admin")).post().uri("/subscriptions")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                         "webhook":{"url":"http://127.0.0.1:%d/hook","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                        .formatted(ref, ref, receiver.getAddress().getPort()))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
