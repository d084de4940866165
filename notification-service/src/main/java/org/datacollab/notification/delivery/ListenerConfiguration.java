package org.datacollab.notification.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.deadletter.DeadLetterHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A risk change that cannot be turned into deliveries is tried a few times, then set aside on
 * {@code notification.dead-letters} and the changes behind it flow on; while MongoDB is unreachable it is
 * retried without end, since it is not at fault (the dead-letters module, decision 0032). A dead letter is
 * replayed as the listener would have processed it.
 */
@Configuration(proxyBeanMethods = false)
public class ListenerConfiguration {

    @Bean
    DeadLetterHandler riskChangeReplay(RiskChangesListener listener) {
        return (ConsumerRecord<String, byte[]> record) -> listener.on(record);
    }
}
