package org.datacollab.registry.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.datacollab.contracts.json.ContractJson;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Duration;

/**
 * The event store on MongoDB through Axon's Mongo extension. One document per commit, so that the facts a
 * command decides (a whole imported history among them) are appended atomically without multi-document
 * transactions. The extension creates the indexes it documents (aggregate id + sequence number unique,
 * timestamp; token processor + segment unique) when the engine and token store are built.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Axon 4 serializes with Jackson 2; the facts use the published language's JSON form. */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = ContractJson.mapper().copy()
                // stored events must stay readable after a field is added to a fact
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // facts carry a revision once their form changes; Upcasters read older forms as the current one
        return JacksonSerializer.builder().objectMapper(mapper).revisionResolver(Upcasters.revisions()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /** The recording organization travels from each command onto the events it produces (docs/decisions/0008). */
    @Bean
    public org.axonframework.messaging.correlation.CorrelationDataProvider recordedBy() {
        return new org.axonframework.messaging.correlation.SimpleCorrelationDataProvider(
                org.datacollab.registry.partnership.CallerMetaData.RECORDED_BY, org.datacollab.security.Traces.TRACEPARENT,
                org.datacollab.registry.partnership.CallerMetaData.IDEMPOTENCY_KEY);
    }

    @Bean
    public org.axonframework.messaging.correlation.CorrelationDataProvider messageOrigin() {
        return new org.axonframework.messaging.correlation.MessageOriginProvider();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(MongoTemplate axonMongoTemplate, Serializer serializer, MeterRegistry meters,
                                                 @Value("${datacollab.eventstore.batch-size:500}") int batchSize) {
        return new TimedEventStorageEngine(MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new SharedTokenCommitStorageStrategy(Duration.ofSeconds(1)))
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(Upcasters.chain())
                // events per fetch of a tracking processor (whole commits are always read whole)
                .batchSize(batchSize)
                .build(), meters);
    }

    /**
     * Loaded partnerships, so that a long history is not replayed for every command (see Partnership). Held
     * strongly (Caffeine through JCache), bounded in size and idle time: Axon's weak-reference cache is emptied
     * by every garbage collection.
     */
    @Bean
    public org.axonframework.common.caching.Cache partnershipCache(
            @Value("${datacollab.aggregate-cache.size:10000}") long size,
            @Value("${datacollab.aggregate-cache.idle:PT30M}") Duration idle) {
        var provider = javax.cache.Caching.getCachingProvider("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
        var configuration = new com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration<Object, Object>()
                .setMaximumSize(java.util.OptionalLong.of(size))
                .setExpireAfterAccess(java.util.OptionalLong.of(idle.toNanos()));
        javax.cache.Cache<Object, Object> cache = provider.getCacheManager()
                .createCache("partnerships-" + java.util.UUID.randomUUID(), configuration);
        return new org.axonframework.common.caching.JCacheAdapter(cache);
    }

    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer,
                                 @Value("${datacollab.eventstore.claim-timeout:PT10S}") Duration claimTimeout) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .ensureIndexes(true)
                .build();
    }
}
