package org.datacollab.notification.escalation;

import org.datacollab.notification.delivery.Deliverer;
import org.datacollab.notification.delivery.DeliveryStore;
import org.datacollab.notification.subscription.Subscription;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * Re-sends a HIGH or CRITICAL risk change nobody acknowledged in time, marked as an escalation, to every
 * subscription of the partnership's LEAD organization, on each of its channels (once: the delivery ids carry
 * "#escalation", so the durable queue de-duplicates them like any other delivery).
 */
@Component
public class EscalationJob {

    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final Escalations escalations;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final Deliverer deliverer;
    private final Clock clock;

    public EscalationJob(Escalations escalations, SubscriptionStore subscriptions, DeliveryStore deliveries, Deliverer deliverer, Clock clock) {
        this.escalations = escalations;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${datacollab.escalation.check:PT1M}", initialDelayString = "PT2S")
    public void escalate() {
        Instant now = clock.instant();
        for (Escalations.Pending pending : escalations.claimDue(now)) {
            if (pending.lead() == null) {
                log.warn("risk change {} of {} is unacknowledged, but the partnership has no LEAD to escalate to", pending.eventId(), pending.ref());
                escalations.escalated(pending);
                continue;
            }
            String payload = pending.payload().replaceFirst("^\\{", "{\"escalation\":true,");
            String eventId = pending.eventId() + "#escalation";
            for (Subscription subscription : subscriptions.byOrganization(pending.lead())) {
                for (String channel : subscription.channels()) {
                    if (deliveries.enqueue(eventId, subscription.id(), channel, pending.ref(), pending.type(), payload, now, now)) {
                        deliverer.attempt(eventId + "|" + subscription.id() + "|" + channel);
                    }
                }
            }
            // listed until here: a check stopped before enqueuing leaves the claimed escalation for the next one
            escalations.escalated(pending);
            log.info("escalated unacknowledged {} of {} to the LEAD {}", pending.type(), pending.ref(), pending.lead());
        }
    }
}
