package org.datacollab.notification.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.notification.subscription.Subscription;
import org.datacollab.notification.subscription.SubscriptionStore;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.datacollab.notification.escalation.EscalationSettings;
import org.datacollab.security.Traces;
import java.time.Duration;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.notification.escalation.Escalations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Turns each risk change into one delivery per matching subscription. The deliveries are enqueued in
 * MongoDB (unique per event id and subscription) before the Kafka offset is committed, so a redelivered or
 * re-announced change enqueues nothing new, and a crash after enqueueing loses nothing. The first attempt
 * runs beside the listener, which goes on to the next change: a slow receiver does not hold up the others.
 */
@Component
public class RiskChangesListener {

    private static final Logger log = LoggerFactory.getLogger(RiskChangesListener.class);
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final SubscriptionStore subscriptions;
    private final DeliveryStore deliveries;
    private final Deliverer deliverer;
    private final Clock clock;
    private final Escalations escalations;
    private final Duration escalateAfter;

    public RiskChangesListener(SubscriptionStore subscriptions, DeliveryStore deliveries, Deliverer deliverer, Clock clock,
                               Escalations escalations,
                               EscalationSettings escalation,
                               ObjectProvider<Tracer> tracer,
                               ObjectProvider<Propagator> propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
        this.escalations = escalations;
        this.escalateAfter = escalation.after();
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.deliverer = deliverer;
        this.clock = clock;
    }

    @KafkaListener(topics = Topics.SUSTAINABILITY_RISKS, groupId = "${datacollab.notification.group:notification}")
    public void on(ConsumerRecord<String, byte[]> record) {
        RiskChangeCodec.Decoded decoded = RiskChangeCodec.decode(record);
        // the trace that began with the request recording the fact continues here
        Traces.continued(tracer.getIfAvailable(), propagator.getIfAvailable(), decoded.traceparent(),
                "notify " + decoded.change().ref(), () -> handle(decoded));
    }

    private void handle(RiskChangeCodec.Decoded decoded) {
        RiskChange change = decoded.change();
        List<String> enqueued = new ArrayList<>();
        for (Subscription subscription : subscriptions.candidates(change.ref(), change.organizations(), change.jurisdiction())) {
            if (!subscription.matches(change)) {
                continue;
            }
            for (String channel : subscription.channels()) {
                if (deliveries.enqueue(decoded.id(), subscription.id(), channel, change.ref(), change.changeName(),
                        payload(decoded.id(), change), change.changedAt(), clock.instant())) {
                    enqueued.add(DeliveryStore.id(decoded.id(), subscription.id(), channel));
                }
            }
        }
        if (change.to() == RiskLevel.HIGH || change.to() == RiskLevel.CRITICAL) {
            escalations.watch(decoded.id(), change, payload(decoded.id(), change), clock.instant().plus(escalateAfter));
        }
        log.info("{} {} ({} -> {}): {} deliveries enqueued", change.changeName(), change.ref(), change.from(), change.to(), enqueued.size());
        enqueued.forEach(deliverer::attemptSoon);
    }

    /** The webhook body: the Standard Webhooks envelope {type, timestamp, data} with the risk change as data. */
    static String payload(String eventId, RiskChange change) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", change.changeName());
        body.put("id", eventId);
        body.put("timestamp", change.changedAt().toString());
        body.put("data", change);
        return new String(ContractJson.write(body));
    }
}
