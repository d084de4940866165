package org.datacollab.assessment.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.deadletter.DeadLetterHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.List;

/** A dead letter of partnership-events replayed as the listener would process it: applied and, when whole, evaluated. */
@Component
public class DeadLetterReplay implements DeadLetterHandler {

    private final PartnershipEventsListener listener;

    public DeadLetterReplay(PartnershipEventsListener listener) {
        this.listener = listener;
    }

    @Override
    public void replay(ConsumerRecord<String, byte[]> record) {
        try {
            listener.on(List.of(record));
        } catch (BatchListenerFailedException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }
}
