package org.datacollab.registry;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.regex.Pattern;
import org.bson.Document;
import org.datacollab.infra.Infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** A POST repeated with the same Idempotency-Key gets the first answer and records nothing twice. */
class IdempotencyTest extends RegistryIntegrationTest {

    @Test
    void aRepeatedPostIsAnsweredOnceAndRecordedOnce() {
        String ref = uniqueRef("idem");
        String formed = """
                {"ref":"%s","name":"Idem","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref);
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue(formed).exchange().expectStatus().isCreated();
        String challenge = """
                {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"c1","challenge":"DATA_QUALITY"}""";
        String key = "retry-" + ref;
        byte[] first = http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).bodyValue(challenge).exchange()
                .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody().returnResult().getResponseBody();
        for (int retry = 0; retry < 3; retry++) {
            byte[] again = http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key).bodyValue(challenge).exchange()
                    .expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"")
                    .expectHeader().valueEquals("Idempotent-Replayed", "true")
                    .expectBody().returnResult().getResponseBody();
            assertThat(again).isEqualTo(first);
        }
        http.get().uri("/partnerships/{ref}/facts?type=ChallengeRaised", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
    }

    /**
     * The instance that ran a request crashed after recording its facts and before storing its answer: the key
     * stays in progress. A retry after the stale time takes the key over and runs again, and the partnership
     * recognises the key it already recorded: 201, nothing recorded twice (a fact, and a formation).
     */
    @Test
    void aRetryAfterACrashBetweenRecordingAndAnsweringRecordsNothingTwice() {
        String ref = uniqueRef("idem-crash");
        String formed = """
                {"ref":"%s","name":"Idem","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref);
        String challenge = """
                {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"c1","challenge":"DATA_QUALITY"}""";
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "form-" + ref)
                .bodyValue(formed).exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "fact-" + ref)
                .bodyValue(challenge).exchange().expectStatus().isCreated();
        // as if the instance had died before storing either answer
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            var keys = mongo.getDatabase(DATABASE).getCollection("idempotency_keys");
            long reset = keys.updateMany(Filters.regex("_id", Pattern.quote(ref)),
                    new Document("$set", new Document("state", "in-progress")
                            .append("createdAt", Date.from(Instant.now().minusSeconds(3600))))
                            .append("$unset", new Document("body", "").append("status", ""))).getModifiedCount();
            assertThat(reset).isEqualTo(2);
        }
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "form-" + ref)
                .bodyValue(formed).exchange().expectStatus().isCreated();
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "fact-" + ref)
                .bodyValue(challenge).exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"1\"");
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2);
        // and once answered, the key replays as before
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "fact-" + ref)
                .bodyValue(challenge).exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    /**
     * A retry that took a stale key over (its marker inserted) and stopped before restarting the key (two writes) left
     * the key in progress under a start whose marker was taken: every later retry was refused with 409 until the key
     * expired. A marker as stale as the key is passed now, and the retry runs: 201, nothing recorded twice.
     */
    @Test
    void aRetryAfterATakeoverThatStoppedBeforeRestartingTheKeyRunsAgain() {
        String ref = uniqueRef("idem-takeover");
        String formed = """
                {"ref":"%s","name":"Idem","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}"""
                .formatted(ref);
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "form-" + ref)
                .bodyValue(formed).exchange().expectStatus().isCreated();
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            var db = mongo.getDatabase(DATABASE);
            var keys = db.getCollection("idempotency_keys");
            Date startedAt = Date.from(Instant.now().minusSeconds(3600));
            // the first request's instance died before answering; a retry took the key over and died before restarting it
            Document key = keys.find(Filters.regex("_id", Pattern.quote(ref))).first();
            keys.updateOne(Filters.eq("_id", key.getString("_id")), new Document("$set", new Document("state", "in-progress")
                    .append("createdAt", startedAt)).append("$unset", new Document("body", "").append("status", "")));
            db.getCollection("idempotency_takeovers").insertOne(new Document("_id", key.getString("_id") + " " + startedAt.getTime())
                    .append("createdAt", Date.from(Instant.now().minusSeconds(3500))));
        }
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "form-" + ref)
                .bodyValue(formed).exchange().expectStatus().isCreated();
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(1);
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", "form-" + ref)
                .bodyValue(formed).exchange().expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    @Test
    void aKeyReusedForAnotherBodyIsRefused() {
        String ref = uniqueRef("idem-reuse");
        String key = "form-" + ref;
        String body = """
                {"ref":"%s","name":"A","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s","intendedGoal":"g","occurredAt":"2024-01-01"}""";
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .bodyValue(body.formatted(ref)).exchange().expectStatus().isCreated();
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).header("Idempotency-Key", key)
                .bodyValue(body.formatted(ref + "-other")).exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody().jsonPath("$.rule").isEqualTo("idempotency-key-reused");
        http.get().uri("/partnerships/{ref}", ref + "-other").exchange().expectStatus().isNotFound();
    }

    @Test
    void aRejectedRequestIsReplayedAsRejected() {
        String key = "bad-" + uniqueRef("k");
        for (int i = 0; i < 2; i++) {
            http.post().uri("/partnerships/{ref}/facts", "never-formed").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", key).bodyValue("""
                            {"fact":"ChallengeRaised","occurredAt":"2024-01-02","challengeId":"c1","challenge":"DATA_QUALITY"}""")
                    .exchange().expectStatus().isNotFound();
        }
    }

    /**
     * Keys are not kept for ever: a TTL index removes each 7 days (datacollab.idempotency.retention) after it was
     * claimed. The local MongoDB-protocol server keeps the index but expires nothing; MongoDB does the removing.
     */
    @Test
    void keysExpireByATtlIndexOnTheirClaim() {
        try (var mongo = MongoClients.create(Infrastructure.shared().mongoUri())) {
            var indexes = new ArrayList<Document>();
            mongo.getDatabase(DATABASE).getCollection("idempotency_keys").listIndexes().into(indexes);
            assertThat(indexes).anySatisfy(index -> {
                assertThat(index.get("key", Document.class)).containsOnlyKeys("createdAt");
                assertThat(((Number) index.get("expireAfterSeconds")).longValue()).isEqualTo(Duration.ofDays(7).toSeconds());
            });
        }
    }
}
