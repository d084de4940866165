package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.messaging.MetaData;
import org.datacollab.contracts.facts.PartnershipFact;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes commits straight into a running registry's event store, with the registry's own storage code, as data
 * recorded before today's rules could be (in the registry's package, for its package-private engine factory):
 * the end-to-end poison test's old data. Nothing but tests writes a store this way.
 */
public final class StoreWriter implements AutoCloseable {

    private final MongoClient client;
    private final PositionedEventStorageEngine engine;

    public StoreWriter(String mongoUri, String database) {
        this.client = MongoClients.create(mongoUri);
        MongoDatabase db = client.getDatabase(database);
        this.engine = EventStoreConfiguration.build(db, DefaultMongoTemplate.builder().mongoDatabase(client, database).build(),
                new EventStoreConfiguration().serializer(), new EventStoreSettings(100, Duration.ofSeconds(10), 5, Duration.ofSeconds(10)),
                new SimpleMeterRegistry(), null);
    }

    /** One commit of the partnership's facts from sequence number {@code first}. */
    public void append(String ref, long first, PartnershipFact... facts) {
        List<GenericDomainEventMessage<PartnershipFact>> events = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            events.add(new GenericDomainEventMessage<>("Partnership", ref, first + i, facts[i],
                    MetaData.with("commitIndex", i).and("commitSize", facts.length), UUID.randomUUID().toString(), Instant.now()));
        }
        engine.appendEvents(events);
    }

    @Override
    public void close() {
        client.close();
    }
}
