package org.datacollab.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.localstack.LocalStack;
import org.datacollab.security.Caller;
import org.datacollab.testsupport.KafkaClients;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What the fault suite reads of each part once the faults are over, to count and to explain: a service's own answer
 * (straight to its first instance, as an ADMIN), the topics read whole, and for a missing alert what the assessment,
 * the topic and the notification service each have of it.
 */
final class FaultDiagnostics {

    private final LocalStack stack;

    FaultDiagnostics(LocalStack stack) {
        this.stack = stack;
    }

    JsonNode direct(String url) throws Exception {
        HttpResponse<String> answer = FaultClients.HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + stack.internalToken(Caller.admin("fault-suite"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 200 ? ContractJson.mapper().readTree(answer.body()) : null;
    }

    /**
     * Why an alert is missing, from what each part has for the partnership: the assessment's level and risk history
     * (what it should have announced), the assessment it stored (the level announced, a change being announced), the
     * risk changes on sustainability-risks, the notification service's deliveries (and whether each is listed as due),
     * and the dead letters of both services.
     */
    List<String> explainMissingAlerts(List<String> refs) {
        List<String> explained = new ArrayList<>();
        Map<String, List<String>> published = new HashMap<>();
        try {
            published = riskChangesOnTheTopic(Set.copyOf(refs));
        } catch (Exception e) {
            explained.add("(could not read " + Topics.SUSTAINABILITY_RISKS + ": " + e + ")");
        }
        try (MongoClient mongo = MongoClients.create("mongodb://127.0.0.1:" + stack.ports().mongo())) {
            MongoDatabase assessment = mongo.getDatabase("assessment");
            Document active = assessment.getCollection("projection_generations").find(Filters.eq("_id", "active")).first();
            int generation = active == null ? 0 : active.getInteger("generation");
            MongoDatabase notification = mongo.getDatabase("notification");
            for (String ref : refs) {
                StringBuilder why = new StringBuilder("no alert for " + ref + ":");
                JsonNode level = directQuietly(stack.url("assessment-service") + "/partnerships/" + ref + "/assessment");
                why.append("\n  assessment now: ").append(level == null ? "none" : level.path("level").asText() + " (score "
                        + level.path("score").asText() + ")");
                JsonNode history = directQuietly(stack.url("assessment-service") + "/partnerships/" + ref + "/risk-history");
                why.append("\n  risk-history: ").append(history);
                Document stored = assessment.getCollection(generation == 0 ? "assessments" : "assessments_g" + generation)
                        .find(Filters.eq("_id", ref)).projection(new Document("level", 1).append("announcedLevel", 1)
                                .append("pendingChangeId", 1).append("pendingTo", 1).append("evaluatedSequence", 1).append("evaluatedOn", 1))
                        .first();
                why.append("\n  stored assessment (generation ").append(generation).append("): ").append(stored == null ? "none" : stored.toJson());
                why.append("\n  risk changes published: ").append(published.getOrDefault(ref, List.of()));
                List<String> deliveries = new ArrayList<>();
                for (Document d : notification.getCollection("deliveries").find(Filters.eq("ref", ref))
                        .projection(new Document("payload", 0))) {
                    boolean listed = notification.getCollection("delivery_keys").find(Filters.eq("ids", d.getString("_id"))).first() != null;
                    deliveries.add(d.toJson() + (listed ? " (listed as due)" : " (listed as due nowhere)"));
                }
                why.append("\n  deliveries stored by the notification service: ").append(deliveries.isEmpty() ? "none" : deliveries);
                explained.add(why.toString());
            }
        } catch (Exception e) {
            explained.add("(could not read MongoDB for " + refs + ": " + e + ")");
        }
        for (String service : List.of("assessment-service", "notification-service")) {
            JsonNode letters = directQuietly(stack.url(service) + "/admin/dead-letters?limit=500");
            if (letters != null && refs.stream().anyMatch(ref -> letters.toString().contains(ref))) {
                explained.add(service + "'s dead letters name a missing alert's partnership: " + letters);
            }
        }
        return explained;
    }

    JsonNode directQuietly(String url) {
        try {
            return direct(url);
        } catch (Exception e) {
            return null;
        }
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown";
        }
    }

    /** Each partnership's sequence numbers on partnership-events, in the order of its partition (the topic read whole, once). */
    Map<String, List<Long>> publishedSequences(Set<String> refs) {
        Map<String, List<Long>> sequences = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            readWhole(consumer, Topics.PARTNERSHIP_EVENTS, record -> {
                if (record.key() == null || refs.contains(record.key())) {
                    RecordedFact fact = PartnershipEventCodec.decode(record);
                    if (refs.contains(fact.ref())) {
                        sequences.computeIfAbsent(fact.ref(), r -> new ArrayList<>()).add(fact.sequenceNumber());
                    }
                }
            });
        }
        return sequences;
    }

    KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + stack.ports().kafka(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    }

    /** The topic read whole on the stack's own Kafka (its partitions awaited for 10 s, each poll for 1 s). */
    static void readWhole(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        KafkaClients.readWhole(consumer, topic, Duration.ofSeconds(10), Duration.ofSeconds(1), each);
    }

    /** The ids of the risk changes published for these partnerships (the topic read whole, once). */
    Map<String, List<String>> riskChangesOnTheTopic(Set<String> refs) {
        Map<String, List<String>> ids = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            readWhole(consumer, Topics.SUSTAINABILITY_RISKS, record -> {
                RiskChangeCodec.Decoded decoded = RiskChangeCodec.decode(record);
                if (refs.contains(decoded.change().ref())) {
                    ids.computeIfAbsent(decoded.change().ref(), r -> new ArrayList<>())
                            .add(decoded.change().changeName() + " " + decoded.id() + " (partition " + record.partition() + ")");
                }
            });
        }
        return ids;
    }
}
