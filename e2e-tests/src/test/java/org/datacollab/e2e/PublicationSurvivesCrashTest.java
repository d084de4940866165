package org.datacollab.e2e;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.datacollab.security.Caller;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry is killed (SIGKILL) in the middle of a stream of commands, between appends and their
 * publication, and restarted: every fact it accepted reaches partnership-events, in sequence order.
 */
class PublicationSurvivesCrashTest {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void everyAcceptedFactArrivesInOrderAfterTheRegistryIsKilled() throws Exception {
        LocalStack stack = SharedStack.get();
        String registry = stack.url("registry-service");
        String ref = "crash-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post(registry + "/partnerships", """
                {"ref":"%s","name":"Crash","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref))).isEqualTo(201);
        int accepted = 1;
        int sent = 0;
        for (int i = 0; i < 60; i++) {
            if (i == 20) {
                stack.service("registry-service").kill();
            }
            if (i == 30) {
                stack.restart("registry-service");
            }
            sent++;
            int status = post(registry + "/partnerships/" + ref + "/facts", """
                    {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"c%d","challenge":"DATA_QUALITY"}""".formatted(i));
            if (status == 201) {
                accepted++;
            }
        }
        assertThat(accepted).as("commands accepted while the registry was up").isBetween(40, 51);

        List<Long> sequence = consume(stack, ref, accepted);
        List<Long> firstOccurrences = new ArrayList<>();
        Set<Long> seen = new TreeSet<>();
        for (long s : sequence) {
            if (seen.add(s)) {
                firstOccurrences.add(s);
            }
        }
        assertThat(seen).as("every accepted fact was published").hasSize(accepted);
        assertThat(firstOccurrences).as("in sequence order").isSorted();
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(accepted - 1);
        System.out.printf("publication after SIGKILL: sent %d, accepted %d, published distinct %d, redelivered %d%n",
                sent + 1, accepted, seen.size(), sequence.size() - seen.size());
    }

    static int post(String url, String json) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                    // straight to the registry, as the gateway would call it
                    .header("Authorization", "Bearer " + SharedStack.get().internalToken(Caller.admin("e2e")))
                    .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static List<Long> consume(LocalStack stack, String ref, int expected) {
        List<Long> sequence = new ArrayList<>();
        Set<Long> distinct = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.infrastructure().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "crash-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(Set.of(Topics.PARTNERSHIP_EVENTS));
            long deadline = System.currentTimeMillis() + 90_000;
            while (distinct.size() < expected && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ref.equals(record.key())) {
                        RecordedFact fact = PartnershipEventCodec.decode(record);
                        sequence.add(fact.sequenceNumber());
                        distinct.add(fact.sequenceNumber());
                    }
                }
            }
        }
        return sequence;
    }
}
