package org.datacollab.registry.partnership;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.Message;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;

/** A stored event as the published language's {@link RecordedFact}: for the API, the stream and the publisher. */
public final class RecordedFacts {

    private RecordedFacts() {
    }

    public static RecordedFact of(DomainEventMessage<?> message) {
        return new RecordedFact(message.getIdentifier(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getTimestamp(), (PartnershipFact) message.getPayload(),
                metaInt(message, Partnership.COMMIT_INDEX, 0), metaInt(message, Partnership.COMMIT_SIZE, 1),
                (String) message.getMetaData().get(CallerMetaData.RECORDED_BY));
    }

    private static int metaInt(Message<?> message, String key, int absent) {
        Object value = message.getMetaData().get(key);
        return value instanceof Number number ? number.intValue() : absent;
    }
}
