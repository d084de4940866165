package org.datacollab.assessment.projection;

import org.apache.kafka.clients.admin.NewTopic;
import org.datacollab.contracts.json.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Topics this service writes. How a failing event is retried and set aside: the dead-letters module
 * ({@code datacollab.dead-letters}, decision 0032), with {@link DeadLetterReplay}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TopicSettings.class)
public class KafkaConfiguration {

    @Bean
    NewTopic sustainabilityRisksTopic(TopicSettings topics) {
        return TopicBuilder.name(Topics.SUSTAINABILITY_RISKS).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }

    @Bean
    NewTopic partnershipEventsTopic(TopicSettings topics) {
        return TopicBuilder.name(Topics.PARTNERSHIP_EVENTS).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }
}
