package org.datacollab.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.awaitility.Awaitility;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The local stack's Kafka and Mongo-protocol server are real servers: data crosses the network and survives a crash. */
class LocalInfrastructureTest {

    @TempDir
    static Path folder;
    static LocalInfrastructure infrastructure;

    @BeforeAll
    static void start() {
        infrastructure = LocalInfrastructure.start(folder, Ports.free(), Ports.free(), Ports.free());
    }

    @AfterAll
    static void stop() {
        infrastructure.close();
    }

    @Test
    void anAcknowledgedMongoWriteSurvivesTheServerBeingKilled() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            MongoCollection<Document> collection = client.getDatabase("datacollab").getCollection("probe");
            collection.insertOne(new Document("_id", "survivor").append("value", 42));
        }
        infrastructure.mongo().kill();
        infrastructure.mongo().start().awaitListening(Duration.ofSeconds(60));
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            Document found = client.getDatabase("datacollab").getCollection("probe").find(new Document("_id", "survivor")).first();
            assertThat(found).isNotNull();
            assertThat(found.getInteger("value")).isEqualTo(42);
        }
    }

    /**
     * Writes are stored together (group commit), and still each is answered only once it is on disk: eight writers
     * insert side by side, the server is killed among them, and every insert any of them saw acknowledged is there
     * after the restart.
     */
    @Test
    void everyWriteAcknowledgedToConcurrentWritersSurvivesAKillAmongThem() throws Exception {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri() + "?retryWrites=false&serverSelectionTimeoutMS=2000")) {
            MongoCollection<Document> collection = client.getDatabase("datacollab").getCollection("acknowledged");
            for (int w = 0; w < 8; w++) {
                int writer = w;
                writers.execute(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String id = writer + "-" + i;
                        try {
                            collection.insertOne(new Document("_id", id).append("payload", "x".repeat(200)));
                        } catch (RuntimeException killed) {
                            return; // not acknowledged: it may or may not be stored
                        }
                        acknowledged.add(id);
                    }
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 400);
            infrastructure.mongo().kill();
            writing.set(false);
            writers.shutdown();
            assertThat(writers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        infrastructure.mongo().start().awaitListening(Duration.ofSeconds(60));
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            Set<String> stored = new TreeSet<>();
            client.getDatabase("datacollab").getCollection("acknowledged").find(Filters.in("_id", acknowledged))
                    .forEach(d -> stored.add(d.getString("_id")));
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(400);
            assertThat(stored).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    /** As on MongoDB: one {@code $inc} at a time (each value handed out once), and a unique key stored once. */
    @Test
    void concurrentWritesToOneDocumentOrKeyAreAtomic() throws Exception {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            MongoCollection<Document> counters = client.getDatabase("datacollab").getCollection("counters");
            MongoCollection<Document> unique = client.getDatabase("datacollab").getCollection("unique");
            unique.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Future<List<Long>>> handedOut = new ArrayList<>();
            List<Future<Integer>> stored = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                handedOut.add(threads.submit(() -> {
                    List<Long> values = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        values.add(counters.findOneAndUpdate(Filters.eq("_id", "c"), Updates.inc("value", 1L),
                                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)).getLong("value"));
                    }
                    return values;
                }));
                stored.add(threads.submit(() -> {
                    int inserted = 0;
                    for (int i = 0; i < 50; i++) {
                        try {
                            unique.insertOne(new Document("key", i));
                            inserted++;
                        } catch (MongoWriteException e) {
                            assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY);
                        }
                    }
                    return inserted;
                }));
            }
            Set<Long> values = new TreeSet<>();
            for (Future<List<Long>> future : handedOut) {
                values.addAll(future.get());
            }
            int inserted = 0;
            for (Future<Integer> future : stored) {
                inserted += future.get();
            }
            threads.shutdown();
            assertThat(values).hasSize(800).first().isEqualTo(1L);
            assertThat(inserted).isEqualTo(50);
            assertThat(unique.countDocuments()).isEqualTo(50);
        }
    }

    @Test
    void theMongoServerAnswersWhatTheDriversHealthChecksSend() {
        try (MongoClient client = MongoClients.create(infrastructure.mongoUri())) {
            client.getDatabase("health").getCollection("probe").insertOne(new Document("_id", "present"));
            // Spring Boot's MongoHealthIndicator: the databases, then hello on each (the reactive one: hello on admin)
            assertThat(client.listDatabaseNames()).contains("health");
            for (String database : List.of("admin", "health")) {
                Document hello = client.getDatabase(database).runCommand(new Document("hello", 1));
                assertThat(hello.get("ok", Number.class).doubleValue()).as(database).isEqualTo(1.0);
                assertThat(hello.getBoolean("isWritablePrimary")).as(database).isTrue();
                assertThat(hello.getInteger("maxWireVersion")).as(database).isPositive();
            }
            // the legacy name still answers as before
            assertThat(client.getDatabase("admin").runCommand(new Document("isMaster", 1)).getBoolean("ismaster")).isTrue();
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedInKeyOrder() throws Exception {
        String bootstrap = infrastructure.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>("probe", "k", "v" + i)).get();
            }
        }
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "probe",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(Set.of("probe"));
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 5 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactly("v0", "v1", "v2", "v3", "v4");
    }
}
