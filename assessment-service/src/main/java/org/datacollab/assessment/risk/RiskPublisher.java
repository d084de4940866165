package org.datacollab.assessment.risk;

import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.RiskChange;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.micrometer.tracing.Tracer;
import org.datacollab.security.Traces;
import org.springframework.beans.factory.ObjectProvider;

/** Publishes a risk change and returns once Kafka acknowledged it. */
@Component
public class RiskPublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final ObjectProvider<Tracer> tracer;

    public RiskPublisher(KafkaTemplate<String, byte[]> kafka, ObjectProvider<Tracer> tracer) {
        this.kafka = kafka;
        this.tracer = tracer;
    }

    /** Publishes the change under its id (RiskChangeCodec.eventId) and returns once Kafka acknowledged it. */
    public void publish(String id, RiskChange change) {
        try {
            // the evaluation's trace goes with the change (the request that recorded the fact, when there was one)
            String traceparent = Traces.traceparent(tracer.getIfAvailable());
            kafka.send(RiskChangeCodec.record(change, id, traceparent)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not publish " + change.changeName() + " for " + change.ref(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
