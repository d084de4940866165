package org.datacollab.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.datacollab.notification.inbox.Inbox;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.AsGateway;
import org.datacollab.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery fence (decision 0061): two delivery instances on one store, A and B, built from the running service's
 * parts with clocks of their own. B's clock is a minute ahead of A's (and its claims last 30 s), so that for B every claim A takes has already
 * lapsed: what B sees is an A that stopped (a long pause) past its claim. Deliveries are stored an hour ahead of the
 * wall clock, so that the service's own delivery poll leaves them alone. Waits are liveness bounds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeliveryFenceTest {

    static final String SECRET = "notification-fence-secret-0123456789abcdef";
    static final Instant AHEAD = Instant.now().plus(Duration.ofHours(1));
    static HttpServer receiver;
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger stalled = new AtomicInteger();
    static final List<String> hookIds = new CopyOnWriteArrayList<>();
    static final List<String> againIds = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceUnderTest.register(registry, ServiceUnderTest.database("notification-fence"), SECRET);
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
        receiver.createContext("/again", exchange -> {
            exchange.getRequestBody().readAllBytes();
            againIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.createContext("/stall", exchange -> {
            exchange.getRequestBody().readAllBytes();
            stalled.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        receiver.stop(0);
    }

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    SubscriptionStore subscriptions;
    @Autowired
    WebhookSender webhooks;
    @Autowired
    WebhookTargets targets;
    @Autowired
    EmailSender email;
    @Autowired
    Inbox inbox;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    /**
     * A claims a delivery and it waits for A's only worker (busy with a receiver that stalls) past the claim; B claims
     * it and delivers it. When A's worker comes to it, A finds its claim taken and sends nothing: the receiver has the
     * webhook once, one attempt is recorded. Without the fence A sends it a second time with the same webhook-id.
     */
    @Test
    void aHolderWhoseClaimLapsedSendsNothing() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String stalling = enqueue(subscribe("stall-" + suffix, "/stall"), "stall-" + suffix);
        String delivery = enqueue(subscribe("fenced-" + suffix, "/hook"), "fenced-" + suffix);
        SimpleMeterRegistry aMeters = new SimpleMeterRegistry();
        Deliverer a = instance(Duration.ZERO, aMeters);
        Deliverer b = instance(Duration.ofMinutes(1), new SimpleMeterRegistry());
        try {
            a.attemptSoon(stalling);
            await().atMost(Duration.ofSeconds(30)).until(() -> stalled.get() == 1);
            a.retryDue();
            Instant aClaim = deliveries.document(delivery).getDate("claimedUntil").toInstant();
            assertThat(aClaim).as("A claimed the delivery, which waits for A's worker").isAfter(AHEAD);

            b.attempt(delivery);
            assertThat(hookIds).as("B delivered it").containsExactly(delivery);

            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> aMeters.counter("notification.deliveries.taken.over").count() == 1);
            Document stored = deliveries.document(delivery);
            assertThat(stored.getString("status")).isEqualTo("DELIVERED");
            assertThat(stored.getInteger("attempts")).isEqualTo(1);
            assertThat(hookIds).as("sent once, by B").containsExactly(delivery);
        } finally {
            release.countDown();
            a.stopWorkers();
            b.stopWorkers();
        }
    }

    /**
     * A's attempt was under way (here: made and failed) when A stopped past its claim; B claimed the delivery and
     * delivered it. A's late record of its failure, which would schedule a retry and so send again, records nothing;
     * nor can A give the delivery back.
     */
    @Test
    void aLateOutcomeDoesNotUndoTheTakeover() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String delivery = enqueue(subscribe("late-" + suffix, "/hook"), "late-" + suffix);
        Instant aNow = AHEAD.plusSeconds(1);
        DeliveryStore.Delivery byA = deliveries.claim(delivery, aNow, aNow.plusSeconds(2)).orElseThrow();
        Instant bNow = aNow.plusSeconds(10);
        DeliveryStore.Delivery byB = deliveries.claim(delivery, bNow, bNow.plusSeconds(2)).orElseThrow();
        assertThat(deliveries.recordAttempt(delivery, byB.claimedUntil(), DeliveryStore.Status.DELIVERED, 204, 5, null, bNow, null)).isTrue();

        assertThat(deliveries.recordAttempt(delivery, byA.claimedUntil(), DeliveryStore.Status.PENDING, 503, 5, "503",
                aNow, aNow.plusSeconds(1))).as("A's record under its lapsed claim").isFalse();
        deliveries.release(delivery, byA.claimedUntil(), aNow);
        Document stored = deliveries.document(delivery);
        assertThat(stored.getString("status")).isEqualTo("DELIVERED");
        assertThat(stored.getInteger("attempts")).isEqualTo(1);
        assertThat(deliveries.due(bNow.plus(Duration.ofMinutes(1)))).doesNotContain(delivery);
    }

    /**
     * A delivered webhook redelivered (an ADMIN's requeue) within the ten seconds of its last attempt's bucket is listed
     * as due again, so that the service's own poll sends it: it was listed nowhere, as its bucket had not changed.
     */
    @Test
    void aDeliveryRequeuedWithinTheBucketOfItsLastAttemptIsSentAgain() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String delivery = enqueue(subscribe("again-" + suffix, "/again"), "again-" + suffix);
        DeliveryStore.Delivery claimed = deliveries.claim(delivery, AHEAD, AHEAD.plusSeconds(2)).orElseThrow();
        // delivered just now (its receiver had it; recorded without sending here)
        assertThat(deliveries.recordAttempt(delivery, claimed.claimedUntil(), DeliveryStore.Status.DELIVERED, 204, 5, null,
                Instant.now(), null)).isTrue();
        assertThat(deliveries.requeue(delivery)).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> againIds.contains(delivery)
                && "DELIVERED".equals(deliveries.document(delivery).getString("status")));
        assertThat(againIds).as("sent once").containsExactly(delivery);
    }

    private Deliverer instance(Duration ahead, SimpleMeterRegistry meters) {
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), AHEAD).plus(ahead));
        WebhookSettings settings = new WebhookSettings(Set.of("127.0.0.1"), false, Duration.ofSeconds(5), Duration.ofMinutes(1), 2,
                Duration.ofSeconds(1), 13, Duration.ofSeconds(30), 1);
        return new Deliverer(deliveries, subscriptions, webhooks, targets, email, inbox, kafka, meters, clock, settings);
    }

    private String enqueue(String subscription, String ref) {
        String eventId = "risk-" + ref;
        assertThat(deliveries.enqueue(eventId, subscription, "webhook", ref, "RiskRaised", "{\"ref\":\"" + ref + "\"}",
                AHEAD, AHEAD)).isTrue();
        return DeliveryStore.id(eventId, subscription, "webhook");
    }

    private String subscribe(String ref, String path) {
        byte[] body = new AsGateway(SECRET).client(port, Caller.admin("test-admin")).post().uri("/subscriptions")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"organization":"%s","contact":"ops@example.org","partnerships":["%s"],"minimumLevel":"LOW",
                         "webhook":{"url":"http://127.0.0.1:%d%s","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}"""
                        .formatted(ref, ref, receiver.getAddress().getPort(), path))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(body, StandardCharsets.UTF_8).replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    }
}
