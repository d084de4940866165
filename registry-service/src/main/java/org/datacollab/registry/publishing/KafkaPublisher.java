package org.datacollab.registry.publishing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.datacollab.registry.partnership.RecordedFacts;
import org.datacollab.security.Traces;

/**
 * Publishes every recorded fact to {@code partnership-events}, driven from the event store by a tracking
 * processor: the handler returns only once Kafka acknowledged the record, and the processor's token (in
 * MongoDB) advances only after the handler returned. A crash between append and publish therefore loses
 * nothing; it may publish an event again (at least once), which consumers recognise by its sequence number.
 */
@Component
@ProcessingGroup(KafkaPublisher.PROCESSING_GROUP)
public class KafkaPublisher {

    public static final String PROCESSING_GROUP = "kafka-publication";
    private static final Logger log = LoggerFactory.getLogger(KafkaPublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Duration acknowledgementTimeout;
    private final Timer publishTimer;
    private final PublicationDeadLetters deadLetters;

    public KafkaPublisher(KafkaTemplate<String, byte[]> kafka, MeterRegistry meters, PublicationDeadLetters deadLetters,
                          PublicationSettings settings) {
        this.kafka = kafka;
        this.deadLetters = deadLetters;
        this.acknowledgementTimeout = settings.ackTimeout();
        this.publishTimer = Timer.builder("registry.publication.latency")
                .description("Time from an event's append to Kafka's acknowledgement")
                .register(meters);
    }

    /**
     * Sends the event and returns only once Kafka acknowledged it. The processor handles events in batches
     * (200 by default) and stores its token when the batch commits, after every handler returned: so the token
     * never passes an event Kafka has not acknowledged. A failure propagates and the batch is retried, unless the
     * event is poison ({@link PublicationDeadLetters}: Kafka refuses it for a reason of its own, every attempt):
     * then it is set aside and publication goes on with the events behind it.
     */
    @EventHandler
    public void publish(PartnershipFact fact, DomainEventMessage<PartnershipFact> message) throws Exception {
        RecordedFact recorded = RecordedFacts.of(message);
        String traceparent = (String) message.getMetaData().get(Traces.TRACEPARENT);
        ProducerRecord<String, byte[]> record = null;
        try {
            record = PartnershipEventCodec.record(recorded, traceparent);
            send(record);
            deadLetters.published(recorded.eventId());
        } catch (Exception e) {
            if (deadLetters.setAsideAfter(e, recorded, record)) {
                return;
            }
            throw e;
        }
        publishTimer.record(Duration.between(message.getTimestamp(), Instant.now()));
        log.debug("published {} #{} of {}", fact.factName(), recorded.sequenceNumber(), recorded.ref());
    }

    /** Publishes a recorded fact again, now (a dead letter replayed once what refused it is fixed). */
    public void publishAgain(RecordedFact recorded) throws Exception {
        send(PartnershipEventCodec.record(recorded, null));
        deadLetters.published(recorded.eventId());
    }

    private void send(ProducerRecord<String, byte[]> record) throws ExecutionException, InterruptedException, TimeoutException {
        kafka.send(record).get(acknowledgementTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
