package org.datacollab.notification.delivery;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.datacollab.infra.Balancer;
import org.datacollab.notification.Retention;
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
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
    static final List<String> cutIds = new CopyOnWriteArrayList<>();
    /** A's way to MongoDB, which the receiver at /cut breaks while A's webhook is on the wire. */
    static Balancer toMongo;

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
        // the receiver has the webhook, and A's MongoDB goes away before A hears back (killed; back after two seconds)
        receiver.createContext("/cut", exchange -> {
            exchange.getRequestBody().readAllBytes();
            cutIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            toMongo.cut();
            Executors.newSingleThreadScheduledExecutor().schedule(toMongo::restore, 2, TimeUnit.SECONDS);
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
        if (toMongo != null) {
            toMongo.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    ApplicationContext context;
    @Autowired
    Retention retention;
    @Autowired
    MongoClient mongo;
    @Value("${spring.mongodb.uri}")
    String mongoUri;
    @Value("${spring.mongodb.database}")
    String database;

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

    /**
     * A's webhook reached its receiver, and MongoDB went away before A could record it (killed, back two seconds later,
     * well within A's claim). A records the outcome once MongoDB is back: the delivery is DELIVERED with one attempt,
     * and B, for which A's claim has lapsed, has nothing to send. Before A tried again, its record failed with the
     * connection, the delivery stayed claimed and PENDING, and B sent the webhook a second time.
     */
    @Test
    void anOutcomeIsRecordedOnceMongoDbIsBackWithinTheClaim() throws Exception {
        ConnectionString direct = new ConnectionString(mongoUri);
        String[] mongo = direct.getHosts().getFirst().split(":");
        toMongo = Balancer.start("mongodb", mongo[0], List.of(mongo.length > 1 ? Integer.parseInt(mongo[1]) : 27017));
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String delivery = enqueue(subscribe("cut-" + suffix, "/cut"), "cut-" + suffix);
        try (MongoClient viaBalancer = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + toMongo.port() + "/?directConnection=true"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS)).build())) {
            SimpleMeterRegistry aMeters = new SimpleMeterRegistry();
            Deliverer a = instance(new DeliveryStore(viaBalancer, database, retention), Duration.ZERO, aMeters);
            Deliverer b = instance(deliveries, Duration.ofMinutes(1), new SimpleMeterRegistry());
            try {
                try {
                    a.attempt(delivery);
                } catch (MongoException unrecorded) {
                    System.out.println("A could not record its attempt: " + unrecorded);
                }
                assertThat(aMeters.counter("notification.deliveries.record.retried").count())
                        .as("A's record failed while MongoDB was away and was tried again").isPositive();
                b.retryDue();
                b.attempt(delivery);
                assertThat(cutIds).as("sent once: B finds it delivered").containsExactly(delivery);
                Document stored = deliveries.document(delivery);
                assertThat(stored.getString("status")).isEqualTo("DELIVERED");
                assertThat(stored.getInteger("attempts")).isEqualTo(1);
            } finally {
                a.stopWorkers();
                b.stopWorkers();
            }
        }
    }

    /**
     * A renews its claim and then stops (here: its store sleeps after the renewal) for so long that what is left of the
     * claim is shorter than an attempt's deadline: sent now, the webhook could still be on the wire when the claim lapses
     * and another instance sends it too. A sends nothing and gives the delivery back, due at once.
     */
    @Test
    void anInstanceThatStoppedAfterRenewingSendsNothingItCouldNotFinishInsideTheClaim() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String delivery = enqueue(subscribe("outlived-" + suffix, "/hook"), "outlived-" + suffix);
        Duration stopped = TestDeliverers.CLAIM.minus(TestDeliverers.DEADLINE).plusSeconds(1);
        DeliveryStore stopsAfterRenewing = new DeliveryStore(mongo, database, retention) {
            @Override
            public Optional<Instant> renew(String id, Instant claimedUntil, Instant until) {
                Optional<Instant> renewed = super.renew(id, claimedUntil, until);
                sleep(stopped);
                return renewed;
            }
        };
        SimpleMeterRegistry aMeters = new SimpleMeterRegistry();
        Deliverer a = instance(stopsAfterRenewing, Duration.ZERO, aMeters);
        try {
            a.attempt(delivery);
            assertThat(aMeters.counter("notification.deliveries.claim.outlived").count()).isEqualTo(1);
            assertThat(hookIds).as("nothing sent").doesNotContain(delivery);
            Document stored = deliveries.document(delivery);
            assertThat(stored.getString("status")).isEqualTo("PENDING");
            assertThat(stored.getInteger("attempts")).isZero();
            assertThat(deliveries.due(AHEAD.plus(stopped).plusSeconds(5))).as("given back, due at once").contains(delivery);
        } finally {
            a.stopWorkers();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Deliverer instance(Duration ahead, SimpleMeterRegistry meters) {
        return instance(deliveries, ahead, meters);
    }

    private Deliverer instance(DeliveryStore store, Duration ahead, SimpleMeterRegistry meters) {
        return TestDeliverers.instance(context, store, TestDeliverers.at(AHEAD.plus(ahead)), meters);
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
