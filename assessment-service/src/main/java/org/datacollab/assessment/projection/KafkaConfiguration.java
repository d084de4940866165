package org.datacollab.assessment.projection;

import org.apache.kafka.clients.admin.NewTopic;
import org.datacollab.contracts.json.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Topics this service writes, and how a failing event is retried. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    NewTopic sustainabilityRisksTopic(@Value("${datacollab.topics.partitions:4}") int partitions,
                                      @Value("${datacollab.topics.replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.SUSTAINABILITY_RISKS).partitions(partitions).replicas(replicas).build();
    }

    @Bean
    NewTopic partnershipEventsTopic(@Value("${datacollab.topics.partitions:4}") int partitions,
                                    @Value("${datacollab.topics.replicas:1}") short replicas) {
        return TopicBuilder.name(Topics.PARTNERSHIP_EVENTS).partitions(partitions).replicas(replicas).build();
    }

    /**
     * A failure (MongoDB, the registry or Kafka unreachable) is retried with backoff, without end: skipping
     * an event would lose it, and the partition's order must hold. An event that cannot be decoded is not
     * retried; it is logged and skipped (a later event's gap repair reads it from the registry).
     */
    @Bean
    DefaultErrorHandler errorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(backOff);
        handler.addNotRetryableExceptions(IllegalArgumentException.class);
        return handler;
    }
}
