package org.datacollab.notification.delivery;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.datacollab.notification.subscription.Subscription;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.BooleanSupplier;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import io.micrometer.core.instrument.Gauge;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.datacollab.notification.inbox.Inbox;

/**
 * Attempts deliveries on a pool of delivery workers: right after they are enqueued, and again when their retry is
 * due (exponential backoff with jitter, over about a day by default). After the last attempt the delivery is
 * marked FAILED and published to the dead-letter topic. Bulkheads (decision 0033): each attempt has one deadline
 * for its whole exchange, and one subscription has at most {@code per-subscriber} attempts under way, so a slow or
 * hostile receiver delays only its own deliveries.
 */
@Component
public class Deliverer {

    public static final String DEAD_LETTER_TOPIC = "risk-alerts-dead-letter";
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);
    /** How long a delivery whose subscription is busy waits before it is tried again (no attempt is counted). */
    private static final Duration BUSY_PAUSE = Duration.ofSeconds(1);

    private final DeliveryStore deliveries;
    private final SubscriptionStore subscriptions;
    private final WebhookSender webhooks;
    private final WebhookTargets targets;
    private final EmailSender email;
    private final Inbox inbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final MeterRegistry meters;
    private final Clock clock;
    private final WebhookSettings settings;
    private final ThreadPoolExecutor workers;
    /** Attempts under way per subscription (one entry per subscription that has had one on this instance). */
    private final Map<String, Semaphore> underWay = new ConcurrentHashMap<>();
    /**
     * Deliveries claimed while their subscription had its share under way, in the order they came: each is attempted
     * as soon as one of the subscription's attempts ends, holding no worker meanwhile (its claim is renewed then, or it
     * is not attempted, as any claim that may have lapsed: decision 0061).
     */
    private final Map<String, Queue<DeliveryStore.Delivery>> waiting = new ConcurrentHashMap<>();
    /** At most this many deliveries of one subscription wait here; those beyond are given back to the store for a moment. */
    static final int WAITING_PER_SUBSCRIPTION = 100;

    public Deliverer(DeliveryStore deliveries, SubscriptionStore subscriptions, WebhookSender webhooks, WebhookTargets targets,
                     EmailSender email, Inbox inbox,
                     KafkaTemplate<String, byte[]> kafka, MeterRegistry meters, Clock clock, WebhookSettings settings) {
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), Thread.ofPlatform().name("delivery-", 0).daemon().factory());
        Gauge.builder("notification.deliveries.queued", this.workers, w -> w.getQueue().size())
                .description("first attempts waiting for a delivery worker").register(meters);
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.targets = targets;
        this.email = email;
        this.inbox = inbox;
        this.kafka = kafka;
        this.meters = meters;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Attempts one delivery soon, on the delivery workers; when they are all busy, the delivery waits for the
     * poll of due deliveries (it is stored, so nothing is lost either way).
     */
    public void attemptSoon(String deliveryId) {
        try {
            workers.execute(() -> attempt(deliveryId));
        } catch (RejectedExecutionException busy) {
            meters.counter("notification.deliveries.deferred").increment();
        }
    }

    /** Attempts one delivery now if it is still due and no one else holds it. */
    public void attempt(String deliveryId) {
        Instant now = clock.instant();
        deliveries.claim(deliveryId, now, now.plus(settings.claim())).ifPresent(this::sendWithinLimit);
    }

    @PreDestroy
    void stopWorkers() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Hands the due deliveries to the workers (claimed first, so that no other instance takes them meanwhile). */
    @Scheduled(fixedDelayString = "${datacollab.webhooks.poll:PT1S}")
    public void retryDue() {
        List<String> due = deliveries.due(clock.instant());
        for (String id : due.subList(0, Math.min(due.size(), 100))) {
            if (workers.getQueue().remainingCapacity() == 0) {
                return;
            }
            Instant now = clock.instant();
            var claimed = deliveries.claim(id, now, now.plus(settings.claim()));
            if (claimed.isEmpty()) {
                continue;
            }
            try {
                workers.execute(() -> sendWithinLimit(claimed.get()));
            } catch (RejectedExecutionException busy) {
                deliveries.release(id, claimed.get().claimedUntil(), clock.instant());
                return;
            }
        }
    }

    /**
     * Sends unless the subscription has its share of attempts under way; then the delivery waits here for one of them
     * to end (or, when many already wait, in the store for a moment).
     */
    private void sendWithinLimit(DeliveryStore.Delivery delivery) {
        String subscription = delivery.subscriptionId();
        Semaphore slots = slotsOf(subscription);
        if (slots.tryAcquire()) {
            sendAndGoOn(delivery, slots);
            return;
        }
        Queue<DeliveryStore.Delivery> queue = waiting.computeIfAbsent(subscription, id -> new ConcurrentLinkedQueue<>());
        if (queue.size() < WAITING_PER_SUBSCRIPTION) {
            queue.add(delivery);
            meters.counter("notification.deliveries.waited").increment();
            // an attempt may have ended between the try and the add: then no one else would take this one up
            startWaiting(subscription, slots);
            return;
        }
        meters.counter("notification.deliveries.postponed").increment();
        deliveries.release(delivery.id(), delivery.claimedUntil(), clock.instant().plus(BUSY_PAUSE));
    }

    private Semaphore slotsOf(String subscription) {
        return underWay.computeIfAbsent(subscription, id -> new Semaphore(settings.perSubscriber()));
    }

    /** Sends (holding one of the subscription's slots), then starts the next delivery waiting for the subscription. */
    private void sendAndGoOn(DeliveryStore.Delivery delivery, Semaphore slots) {
        try {
            send(delivery);
        } finally {
            slots.release();
            startWaiting(delivery.subscriptionId(), slots);
        }
    }

    /** Hands the subscription's waiting deliveries to the workers while it has free slots. */
    private void startWaiting(String subscription, Semaphore slots) {
        Queue<DeliveryStore.Delivery> queue = waiting.get(subscription);
        while (queue != null && !queue.isEmpty() && slots.tryAcquire()) {
            DeliveryStore.Delivery next = queue.poll();
            if (next == null) {
                slots.release();
                return;
            }
            try {
                workers.execute(() -> sendAndGoOn(next, slots));
            } catch (RejectedExecutionException busy) {
                slots.release();
                deliveries.release(next.id(), next.claimedUntil(), clock.instant());
            }
        }
    }

    private void send(DeliveryStore.Delivery delivery) {
        // the fence (decision 0061): a claim may have lapsed before its attempt starts (this instance paused, or the
        // delivery waited for a worker longer than its claim), and another instance may have claimed and sent it since;
        // renewing it under the token it was claimed with tells, and the attempt is recorded only under the renewed one
        long renewing = System.nanoTime(); // the claim runs from before it was asked for; a pause does not stop this clock
        Instant held = deliveries.renew(delivery.id(), delivery.claimedUntil(), clock.instant().plus(settings.claim())).orElse(null);
        if (held == null) {
            meters.counter("notification.deliveries.taken.over").increment();
            log.info("delivery {} was claimed by another instance after this one's claim lapsed: not attempted here", delivery.id());
            return;
        }
        Subscription subscription = subscriptions.find(delivery.subscriptionId()).orElse(null);
        // the attempt must end inside the renewed claim: when this instance stopped (or MongoDB was slow) since the renewal
        // for so long that it might not, another instance may claim the delivery while it is on the wire; it is given back
        // instead, to be attempted at once by whoever claims it next
        if (Duration.ofNanos(System.nanoTime() - renewing).plus(settings.deadline()).compareTo(settings.claim()) >= 0) {
            meters.counter("notification.deliveries.claim.outlived").increment();
            log.warn("delivery {}: too little of its claim is left for an attempt (this instance stopped or MongoDB was slow); given back",
                    delivery.id());
            deliveries.release(delivery.id(), held, clock.instant());
            return;
        }
        Instant started = clock.instant();
        WebhookSender.Outcome outcome;
        if (subscription == null) {
            outcome = new WebhookSender.Outcome(0, "subscription deleted", null);
        } else {
            outcome = switch (delivery.channel()) {
                case "email" -> email.send(subscription.email(), delivery.payload());
                case "inbox" -> inbox.add(delivery.id(), subscription.organization(), delivery.ref(), delivery.type(), delivery.payload());
                default -> {
                    if (subscription.webhook() == null) {
                        yield new WebhookSender.Outcome(0, "the subscription has no webhook any more", null);
                    }
                    yield switch (targets.check(subscription.webhook().url())) {
                        case WebhookTargets.Refused refused -> new WebhookSender.Outcome(0, "refused: " + refused.reason(), null);
                        case WebhookTargets.Allowed target -> webhooks.send(target, subscription.webhook().secret(), delivery.id(),
                                delivery.payload(), started);
                    };
                }
            };
        }
        Instant finished = clock.instant();
        long latency = Duration.between(started, finished).toMillis();
        int attempt = delivery.attempts() + 1;
        if (outcome.delivered()) {
            if (!record(delivery, held, DeliveryStore.Status.DELIVERED, outcome, latency, finished, null)) {
                return;
            }
            meters.counter("notification.deliveries", "channel", delivery.channel(), "outcome", "delivered").increment();
            meters.timer("notification.delivery.latency", "channel", delivery.channel())
                    .record(Duration.between(delivery.eventTime(), finished));
            log.info("delivered {} for {} to subscription {} by {} (attempt {})", delivery.type(), delivery.ref(),
                    delivery.subscriptionId(), delivery.channel(), attempt);
        } else if (attempt >= settings.maxAttempts() || subscription == null) {
            if (!record(delivery, held, DeliveryStore.Status.FAILED, outcome, latency, finished, null)) {
                return;
            }
            meters.counter("notification.deliveries", "channel", delivery.channel(), "outcome", "failed").increment();
            meters.counter("notification.dead.letters").increment();
            kafka.send(new ProducerRecord<>(DEAD_LETTER_TOPIC, delivery.ref(), delivery.payload().getBytes()));
            log.warn("delivery {} failed after {} attempts; dead-lettered", delivery.id(), attempt);
        } else {
            Instant next = finished.plus(backoff(attempt));
            if (!record(delivery, held, DeliveryStore.Status.PENDING, outcome, latency, finished, next)) {
                return;
            }
            meters.counter("notification.deliveries", "channel", delivery.channel(), "outcome", "retry").increment();
            log.info("delivery {} attempt {} failed ({} {}); next at {}", delivery.id(), attempt, outcome.statusCode(), outcome.error(), next);
        }
    }

    /**
     * Records the attempt under the claim it was made with; false when another instance took the delivery over while
     * this attempt was under way (this instance stopped for longer than the claim): the other's record stands. The
     * receiver may then have this delivery twice, with the same webhook-id (decision 0061).
     */
    private boolean record(DeliveryStore.Delivery delivery, Instant held, DeliveryStore.Status status, WebhookSender.Outcome outcome,
                           long latency, Instant finished, Instant next) {
        boolean recorded = recordWhileHeld(delivery.id(), held, finished, status, () -> deliveries.recordAttempt(delivery.id(), held,
                status, outcome.statusCode(), latency, outcome.delivered() ? null : outcome.error(), finished, next));
        if (!recorded) {
            meters.counter("notification.deliveries.taken.over").increment();
            log.warn("delivery {} was claimed by another instance while this one's attempt ({} {}) was under way: its record stands",
                    delivery.id(), outcome.statusCode(), outcome.error());
        }
        return recorded;
    }

    /**
     * Records an attempt's outcome, trying again while MongoDB cannot be reached (killed and restarting, a connection
     * reset, a failover): the receiver has the webhook, and an outcome not recorded lets another instance claim the
     * delivery once the claim lapses and send it again. The record is conditional on the claim's token, so trying
     * again is safe, and it can only win over another instance's claim before the claim lapses: it is tried until
     * the claim and as long again have passed (as long as MongoDB is back within that time, nothing is sent twice),
     * then given up, and the delivery is sent again with the same webhook-id (decision 0061).
     */
    private boolean recordWhileHeld(String id, Instant held, Instant finished, DeliveryStore.Status status, BooleanSupplier record) {
        long giveUp = System.nanoTime() + 2 * settings.claim().toNanos();
        long pause = 100;
        boolean triedBefore = false;
        while (true) {
            try {
                // a record that reached MongoDB but whose answer was lost is found on the next try as it was written
                return record.getAsBoolean() || triedBefore && deliveries.recordedAt(id, finished, status);
            } catch (MongoException unreachable) {
                if (!unreachable(unreachable)) {
                    throw unreachable;
                }
                triedBefore = true;
                if (System.nanoTime() - giveUp > 0) {
                    log.error("delivery {}: its outcome could not be recorded for twice its claim; it will be sent again", id, unreachable);
                    throw unreachable;
                }
                meters.counter("notification.deliveries.record.retried").increment();
                log.warn("delivery {}: its outcome could not be recorded ({}); trying again while the claim (until {}) holds", id,
                        unreachable.getMessage(), held);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw unreachable;
                }
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    /** MongoDB could not be reached or answer (rather than refusing the write): worth trying again. */
    static boolean unreachable(MongoException e) {
        return e instanceof MongoSocketException || e instanceof MongoTimeoutException || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException || e.hasErrorLabel("RetryableWriteError");
    }

    /** firstRetry x 2^(attempt-1), with +-20% jitter so that failing receivers are not hit in waves. */
    Duration backoff(int attempt) {
        double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        long millis = (long) (settings.firstRetry().toMillis() * Math.pow(2, attempt - 1) * jitter);
        return Duration.ofMillis(millis);
    }
}
