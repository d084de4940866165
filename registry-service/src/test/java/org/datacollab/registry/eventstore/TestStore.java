package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Role;
import org.datacollab.contracts.vocabulary.Sector;
import org.datacollab.contracts.vocabulary.Timeframe;
import org.datacollab.infra.Infrastructure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh database on the test's MongoDB, and the pieces to build engines on it and write commits. */
final class TestStore implements AutoCloseable {

    static final Serializer SERIALIZER = new EventStoreConfiguration().serializer();

    final MongoClient client = MongoClients.create(Infrastructure.shared().mongoUri());
    final MongoDatabase database = client.getDatabase("store-test-" + UUID.randomUUID().toString().substring(0, 8));
    final MongoTemplate template = DefaultMongoTemplate.builder().mongoDatabase(client, database.getName()).build();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** An engine as the registry builds it, with a short gap timeout. */
    PositionedEventStorageEngine engine(Duration gapTimeout) {
        return engine(gapTimeout, null);
    }

    PositionedEventStorageEngine engine(Duration gapTimeout, Positions positions) {
        return EventStoreConfiguration.build(database, template, SERIALIZER,
                new EventStoreSettings(100, gapTimeout, 5, Duration.ofSeconds(10)), meters, positions);
    }

    Positions positions() {
        return new Positions(database.getCollection(Positions.COLLECTION));
    }

    Commits commits() {
        return new Commits(database.getCollection(Commits.COLLECTION));
    }

    /** A commit of {@code facts} for {@code ref} starting at {@code first}, every event stamped {@code at}. */
    static List<DomainEventMessage<?>> commit(String ref, long first, Instant at, PartnershipFact... facts) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < facts.length; i++) {
            events.add(new GenericDomainEventMessage<>("Partnership", ref, first + i, facts[i],
                    MetaData.with("commitIndex", i).and("commitSize", facts.length), UUID.randomUUID().toString(), at));
        }
        return events;
    }

    static PartnershipFormed formed(String ref) {
        return new PartnershipFormed(Instant.parse("2024-01-01T00:00:00Z"), ref, "Store test", PartnershipModel.SOCIAL_ISSUE,
                Timeframe.FINITE, "issue", "goal", "NL-Amsterdam", List.of());
    }

    static PartnerJoined joined(String organization) {
        return new PartnerJoined(Instant.parse("2024-01-02T00:00:00Z"), new Organization(organization, organization, Sector.PRIVATE),
                List.of(Role.DATA_PROVIDER));
    }

    @Override
    public void close() {
        database.drop();
        client.close();
    }
}
