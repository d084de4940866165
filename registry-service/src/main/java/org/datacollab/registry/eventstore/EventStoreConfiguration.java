package org.datacollab.registry.eventstore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.registry.partnership.CallerMetaData;
import org.datacollab.security.Traces;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import javax.cache.Caching;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The event store on MongoDB: one document per commit at a global position, read by key
 * ({@link PositionedEventStorageEngine}, docs/decisions/0020), with axon-mongo's token store for the tracking
 * processors' tokens. A store written before positions is migrated here, before any processor starts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EventStoreSettings.class)
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
    public CorrelationDataProvider recordedBy() {
        return new SimpleCorrelationDataProvider(CallerMetaData.RECORDED_BY, Traces.TRACEPARENT, CallerMetaData.IDEMPOTENCY_KEY);
    }

    @Bean
    public CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        return DefaultMongoTemplate.builder().mongoDatabase(client, database).build();
    }

    @Bean
    public PositionedEventStorageEngine eventStorageEngine(MongoClient client, @Value("${spring.mongodb.database}") String database,
                                                           MongoTemplate axonMongoTemplate, Serializer serializer,
                                                           EventStoreSettings settings, MeterRegistry meters) {
        return build(client.getDatabase(database), axonMongoTemplate, serializer, settings, meters, null);
    }

    /**
     * The engine on a database, migrated first. {@code positions} replaces the counter (tests play a writer
     * that paused with it); null for the real one.
     */
    static PositionedEventStorageEngine build(MongoDatabase database, MongoTemplate template, Serializer serializer,
                                              EventStoreSettings settings, MeterRegistry meters, Positions positions) {
        Commits commits = new Commits(database.getCollection(Commits.COLLECTION));
        Positions counter = positions != null ? positions : new Positions(database.getCollection(Positions.COLLECTION));
        AggregateHeads heads = new AggregateHeads(database.getCollection(AggregateHeads.COLLECTION));
        new PositionMigration(database.getCollection(Commits.LEGACY_COLLECTION), commits, counter, heads,
                new LegacyTokens(template.trackingTokensCollection(), serializer)).run();
        return new PositionedEventStorageEngine(serializer, Upcasters.chain(), new PositionedEventStorageEngine.Parts(
                commits, counter, new CommitWriter(commits, counter, heads, settings.appendAttempts(), meters),
                new AggregateReader(commits, heads), new CommitTracker(commits, counter, settings, Clock.systemUTC(), meters),
                database.getCollection(Commits.SNAPSHOTS)));
    }

    /**
     * Loaded partnerships, so that a long history is not replayed for every command (see Partnership). Held
     * strongly (Caffeine through JCache), bounded in size and idle time: Axon's weak-reference cache is emptied
     * by every garbage collection.
     */
    @Bean
    public Cache partnershipCache(AggregateCacheSettings settings) {
        var provider = Caching.getCachingProvider("com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider");
        var configuration = new CaffeineConfiguration<Object, Object>()
                .setMaximumSize(OptionalLong.of(settings.size()))
                .setExpireAfterAccess(OptionalLong.of(settings.idle().toNanos()));
        javax.cache.Cache<Object, Object> cache = provider.getCacheManager().createCache("partnerships-" + UUID.randomUUID(), configuration);
        return new JCacheAdapter(cache);
    }

    /**
     * Tokens by processor and segment: a handful of documents, whatever the store's size. Claims are held by
     * "pid@host/instance": two registries in one JVM (tests run several contexts) are two owners, as two pods are.
     */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, EventStoreSettings settings) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .nodeId(ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8))
                .claimTimeout(settings.claimTimeout())
                .ensureIndexes(true)
                .build();
    }
}
