package org.datacollab.assessment.projection;

import org.apache.kafka.clients.admin.NewTopic;
import org.datacollab.contracts.json.Topics;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics this service writes. How a failing event is retried and set aside: the dead-letters module
 * ({@code datacollab.dead-letters}, decision 0032), with {@link DeadLetterReplay}.
 */
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
}
