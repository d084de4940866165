package org.datacollab.registry.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.datacollab.contracts.json.Topics;
import org.datacollab.processors.LastErrors;
import org.datacollab.registry.readmodel.ReadModelProjector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** The publication processor and the topic it writes to. */
@Configuration(proxyBeanMethods = false)
public class PublicationConfiguration {

    /**
     * A failed send must stop the processor and retry from the last token (never log and skip, Axon's
     * default), and the processor runs as a tracking processor whose token lives in MongoDB.
     */
    @Autowired
    void configurePublication(EventProcessingConfigurer configurer, LastErrors errors,
                              PublicationSettings settings) {
        int segments = settings.segments();
        configurer.registerTrackingEventProcessor(KafkaPublisher.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                                .andInitialSegmentsCount(segments)
                                .andBatchSize(settings.batchSize()))
                .registerListenerInvocationErrorHandler(KafkaPublisher.PROCESSING_GROUP, c -> noted(KafkaPublisher.PROCESSING_GROUP, errors))
                // the read models have their own processor, so a slow Kafka never delays search; its token is in
                // memory: every instance projects the whole store into its own search index (decision 0021)
                .registerTrackingEventProcessor(ReadModelProjector.PROCESSING_GROUP,
                        org.axonframework.config.Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(500))
                .registerTokenStore(ReadModelProjector.PROCESSING_GROUP, c -> new InMemoryTokenStore())
                .registerListenerInvocationErrorHandler(ReadModelProjector.PROCESSING_GROUP, c -> noted(ReadModelProjector.PROCESSING_GROUP, errors));
    }

    /** Propagates a handler's failure (the processor retries from its token), noted as the processor's last error first. */
    private static ListenerInvocationErrorHandler noted(String processor, LastErrors errors) {
        return (exception, event, handler) -> {
            errors.record(processor, exception);
            PropagatingErrorHandler.instance().onError(exception, event, handler);
        };
    }

    @Bean
    public NewTopic partnershipEventsTopic(TopicSettings topics) {
        return TopicBuilder.name(Topics.PARTNERSHIP_EVENTS).partitions(topics.partitions()).replicas(topics.replicas()).build();
    }
}
