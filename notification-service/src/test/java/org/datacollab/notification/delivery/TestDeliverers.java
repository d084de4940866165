package org.datacollab.notification.delivery;

import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.notification.inbox.Inbox;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.springframework.context.ApplicationContext;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Delivery instances for tests that play two notification instances (or one whose clock is elsewhere) on one store:
 * built from the running service's parts, with a clock of their own, one delivery worker, a 25 s attempt deadline
 * inside a 30 s claim, and retries a second apart. Their clock is what they believe; their store may be another
 * way to MongoDB (one that a test breaks).
 */
final class TestDeliverers {

    static final Duration CLAIM = Duration.ofSeconds(30);
    static final Duration DEADLINE = Duration.ofSeconds(25);

    private TestDeliverers() {
    }

    /** A clock that reads {@code now} at this moment and runs on from there. */
    static Clock at(Instant now) {
        return Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), now));
    }

    static Deliverer instance(ApplicationContext service, DeliveryStore store, Clock clock, MeterRegistry meters) {
        WebhookSettings settings = new WebhookSettings(Set.of("127.0.0.1"), false, Duration.ofSeconds(5), DEADLINE, 2,
                Duration.ofSeconds(1), 13, CLAIM, 1);
        @SuppressWarnings("unchecked")
        KafkaTemplate<String, byte[]> kafka = service.getBean(KafkaTemplate.class);
        return new Deliverer(store, service.getBean(SubscriptionStore.class), service.getBean(WebhookSender.class),
                service.getBean(WebhookTargets.class), service.getBean(EmailSender.class), service.getBean(Inbox.class), kafka,
                meters, clock, settings);
    }
}
