package org.datacollab.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How a service processes one of its dead letters again, once what made it fail is fixed: as its listener would
 * have (the record as it came, whatever its envelope). Throws when it still cannot be processed.
 */
@FunctionalInterface
public interface DeadLetterHandler {

    void replay(ConsumerRecord<String, byte[]> record);
}
