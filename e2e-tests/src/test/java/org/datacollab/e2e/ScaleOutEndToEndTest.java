package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.localstack.LocalStack;
import org.datacollab.security.Caller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances each of the registry, the assessment and the notification against one MongoDB and one Kafka:
 * concurrent commands on one partnership through both registries never fork its history (the loser of a
 * race answers 409 and the client retries); the publication processor's token is claimed in MongoDB by one
 * instance and taken over by the other when it dies; the assessments share the topic's partitions in one
 * consumer group; and each risk change is delivered once in total, not once per notification instance.
 */
class ScaleOutEndToEndTest {

    static LocalStack stack;
    static final List<String> extra = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = SharedStack.get();
        RiskReachesWebhookEndToEndTest.stack = stack;
        // the three second instances start side by side
        var starting = Executors.newFixedThreadPool(3);
        List<Future<String>> started = new ArrayList<>();
        for (String service : List.of("registry-service", "assessment-service", "notification-service")) {
            started.add(starting.submit(() -> stack.startInstance(service)));
        }
        for (var name : started) {
            extra.add(name.get());
        }
        starting.shutdown();
    }

    @AfterAll
    static void stopExtraInstances() {
        extra.forEach(name -> stack.service(name).stop());
    }

    static String instance(String service) {
        return extra.stream().filter(name -> name.startsWith(service + "-")).findFirst().orElseThrow();
    }

    static HttpResponse<String> post(String url, String json) throws Exception {
        return RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.internalToken(Caller.admin("scale-out")))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode get(String url) throws Exception {
        HttpResponse<String> response = RiskReachesWebhookEndToEndTest.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + stack.internalToken(Caller.admin("scale-out"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ContractJson.mapper().readTree(response.body());
    }

    @Test
    void concurrentCommandsThroughTwoRegistriesNeverForkAHistory() throws Exception {
        String second = instance("registry-service");
        List<String> registries = List.of(stack.url("registry-service"), stack.url(second));
        String ref = "fork-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post(registries.get(0) + "/partnerships", """
                {"ref":"%s","name":"Raced","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                 "occurredAt":"2024-01-01"}""".formatted(ref)).statusCode()).isEqualTo(201);
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String registry = registries.get(client % 2);
            int c = client;
            work.add(clients.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    String id = "c" + c + "-" + i;
                    for (int attempt = 0; attempt < 20; attempt++) {
                        HttpResponse<String> answer = post(registry + "/partnerships/" + ref + "/facts", """
                                {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"%s","challenge":"DATA_QUALITY"}""".formatted(id));
                        if (answer.statusCode() == 201) {
                            accepted.add(id);
                            break;
                        }
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(409);
                        conflicts.incrementAndGet();
                        Thread.sleep(20L * (attempt + 1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : work) {
            f.get();
        }
        clients.shutdown();
        assertThat(accepted).hasSize(60);
        for (String registry : registries) {
            JsonNode facts = get(registry + "/partnerships/" + ref + "/facts?size=500");
            assertThat(facts.get("total").asInt()).isEqualTo(61);
            Set<Long> sequences = new TreeSet<>();
            Set<String> ids = new HashSet<>();
            for (JsonNode item : facts.get("items")) {
                sequences.add(item.get("sequenceNumber").asLong());
                if (item.get("fact").has("challengeId")) {
                    assertThat(ids.add(item.get("fact").get("challengeId").asText())).as("recorded once").isTrue();
                }
            }
            assertThat(sequences).hasSize(61).first().isEqualTo(0L);
            assertThat(((TreeSet<Long>) sequences).last()).isEqualTo(60L);
            assertThat(ids).isEqualTo(accepted);
        }
        // and Kafka carries the one history, each sequence number once at least, none missing
        Set<Long> published = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer("scale-check-" + ref)) {
            consumer.subscribe(List.of(Topics.PARTNERSHIP_EVENTS));
            long deadline = System.currentTimeMillis() + 60_000;
            while (published.size() < 61 && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ref.equals(record.key())) {
                        published.add(PartnershipEventCodec.decode(record).sequenceNumber());
                    }
                }
            }
        }
        assertThat(published).hasSize(61);
        System.out.printf("two registries, 4 clients, 60 commands on one partnership: %d conflicts answered 409 and retried, 0 forks%n",
                conflicts.get());
    }

    @Test
    void thePublicationTokenIsClaimedByOneRegistryAndTakenOverWhenItDies() throws Exception {
        String second = instance("registry-service");
        Map<Long, String> byPid = Map.of(stack.service("registry-service").pid(), "registry-service", stack.service(second).pid(), second);
        String owner;
        try (MongoClient mongo = MongoClients.create(stack.infrastructure().mongoUri())) {
            Document token = mongo.getDatabase("registry").getCollection("trackingtokens")
                    .find(Filters.eq("processorName", "kafka-publication")).first();
            assertThat(token).isNotNull();
            String claimedBy = token.getString("owner");
            owner = byPid.entrySet().stream().filter(e -> claimedBy != null && claimedBy.startsWith(e.getKey() + "@"))
                    .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("token owner " + claimedBy + " is neither instance " + byPid));
        }
        String survivor = owner.equals("registry-service") ? second : "registry-service";
        stack.service(owner).kill();
        String ref = "takeover-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(post(stack.url(survivor) + "/partnerships", """
                {"ref":"%s","name":"Taken over","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g",
                 "occurredAt":"2024-01-01"}""".formatted(ref)).statusCode()).isEqualTo(201);
        boolean seen = false;
        try (KafkaConsumer<String, byte[]> consumer = consumer("takeover-" + ref)) {
            consumer.subscribe(List.of(Topics.PARTNERSHIP_EVENTS));
            long deadline = System.currentTimeMillis() + 90_000;
            while (!seen && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    seen |= ref.equals(record.key());
                }
            }
        }
        assertThat(seen).as("the survivor took over publication").isTrue();
        stack.restart(owner);
    }

    @Test
    void twoAssessmentsShareThePartitionsOfOneConsumerGroup() throws Exception {
        String second = instance("assessment-service");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers()))) {
            int partitions = admin.describeTopics(List.of(Topics.PARTNERSHIP_EVENTS)).allTopicNames().get()
                    .get(Topics.PARTNERSHIP_EVENTS).partitions().size();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of("assessment")).all().get().get("assessment");
                List<MemberDescription> members = group.members().stream()
                        .filter(m -> m.assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.PARTNERSHIP_EVENTS))).toList();
                // each instance runs several consumers, named <instance>-<n> (client-id: the pod's name)
                Set<String> instances = new HashSet<>();
                members.forEach(m -> instances.add(m.clientId().replaceFirst("-\\d+$", "")));
                assertThat(instances).as("instances owning partitions").containsExactlyInAnyOrder("assessment-service", second);
                Set<TopicPartition> assigned = new HashSet<>();
                members.forEach(m -> m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(Topics.PARTNERSHIP_EVENTS))
                        .forEach(tp -> assertThat(assigned.add(tp)).as("each partition to one member").isTrue()));
                assertThat(assigned).hasSize(partitions);
            });
        }
    }

    @Test
    void eachRiskChangeIsDeliveredOnceInTotalByTwoNotificationInstances() throws Exception {
        String second = instance("notification-service");
        String jurisdiction = "SCALE-" + UUID.randomUUID().toString().substring(0, 6);
        try (WebhookReceiver receiver = new WebhookReceiver();
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                     ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                     ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            assertThat(post(stack.url(second) + "/subscriptions", """
                    {"organization":"city","contact":"ops@example.org","jurisdiction":"%s","minimumLevel":"LOW",
                     "webhook":{"url":"%s","secret":"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}}""".formatted(jurisdiction, receiver.url()))
                    .statusCode()).isEqualTo(201);
            int changes = 40;
            for (int i = 0; i < changes; i++) {
                String ref = "scale-" + jurisdiction + "-" + i;
                RiskChange change = RiskChange.between(ref, "P" + i, jurisdiction, List.of("telco"), "telco", RiskLevel.NONE, RiskLevel.LOW, 15,
                        List.of(), List.of(), Instant.parse("2026-11-25T00:00:00Z"));
                producer.send(RiskChangeCodec.record(change)).get();
            }
            await().atMost(Duration.ofSeconds(90)).until(() -> receiver.received().size() >= changes);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(15)).until(() -> receiver.arrivals().size() == changes);
            assertThat(receiver.arrivals()).hasSize(changes);
            assertThat(new HashSet<>(receiver.arrivals())).hasSize(changes);
        }
    }

    static KafkaConsumer<String, byte[]> consumer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }
}
