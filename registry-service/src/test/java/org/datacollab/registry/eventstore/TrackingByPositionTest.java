package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.modelling.command.ConcurrencyException;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.infra.Infrastructure;
import org.datacollab.registry.PublishedFacts;
import org.datacollab.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.datacollab.registry.eventstore.TestStore.commit;
import static org.datacollab.registry.eventstore.TestStore.formed;
import static org.datacollab.registry.eventstore.TestStore.joined;

/**
 * Publication by position, against the running registry (its publication processor, Kafka) and a second
 * engine on the same database playing another registry instance: late-stamped commits, writers that paused
 * past the gap timeout, writers racing on one partnership, and each partnership's order on the topic.
 */
class TrackingByPositionTest extends RegistryIntegrationTest {

    private static final MongoClient CLIENT = MongoClients.create(Infrastructure.shared().mongoUri());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @AfterAll
    static void close() {
        CLIENT.close();
    }

    /** Another registry instance on the same store (its own counter when {@code positions} is given). */
    private PositionedEventStorageEngine anotherInstance(Positions positions) {
        MongoDatabase database = CLIENT.getDatabase(DATABASE);
        return EventStoreConfiguration.build(database, DefaultMongoTemplate.builder().mongoDatabase(CLIENT, DATABASE).build(),
                TestStore.SERIALIZER, new EventStoreSettings(100, Duration.ofSeconds(2), 5, Duration.ofSeconds(10)), meters, positions);
    }

    @Test
    void aCommitStampedLongBeforeTheProcessorsPositionIsPublished() {
        String recent = form(uniqueRef("recent"));
        assertThat(PublishedFacts.await(recent, 1)).hasSize(1);
        String early = uniqueRef("stamped-early");
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);

        anotherInstance(null).appendEvents(commit(early, 0, twoHoursAgo, formed(early)));

        List<RecordedFact> published = PublishedFacts.await(early, 1);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().recordedAt()).isEqualTo(twoHoursAgo);
    }

    @Test
    void anAppendWhosePositionWasPassedIsRetriedAtANewPositionAndPublishedOnce() {
        String late = uniqueRef("late");
        AtomicBoolean pause = new AtomicBoolean(true);
        AtomicLong passed = new AtomicLong();
        Commits commits = new Commits(CLIENT.getDatabase(DATABASE).getCollection(Commits.COLLECTION));
        Positions pausing = new Positions(CLIENT.getDatabase(DATABASE).getCollection(Positions.COLLECTION)) {
            @Override
            long next() {
                long position = super.next();
                if (pause.getAndSet(false)) {
                    // the writer pauses between taking its position and inserting, until the registry passed it
                    passed.set(position);
                    await().atMost(Duration.ofSeconds(30)).until(() -> commits.at(position).isPresent());
                }
                return position;
            }
        };

        anotherInstance(pausing).appendEvents(commit(late, 0, Instant.now(), formed(late)));

        assertThat(Commits.isTombstone(commits.at(passed.get()).orElseThrow())).as("passed by the registry's tracker").isTrue();
        assertThat(meters.get("registry.eventstore.append.retried").counter().count()).isEqualTo(1.0);
        assertThat(PublishedFacts.await(late, 1)).hasSize(1);
        assertThat(PublishedFacts.all(late)).as("published once").hasSize(1);
        http.get().uri("/partnerships/{ref}", late).exchange().expectStatus().isOk();
    }

    @Test
    void twoWritersOnOnePartnershipNeverForkItsHistory() throws Exception {
        String ref = form(uniqueRef("contested"));
        // another instance records a fact the registry's cached partnership has not seen
        PositionedEventStorageEngine other = anotherInstance(null);
        other.appendEvents(commit(ref, 1, Instant.now(), joined("telco")));

        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-11","organization":{"ref":"ngo","name":"NGO","sector":"NONPROFIT"},
                 "roles":["DATA_USER"]}""").exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.rule").isEqualTo("concurrent-modification");
        http.get().uri("/partnerships/{ref}/facts", ref).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2).jsonPath("$.items[1].fact.organization.ref").isEqualTo("telco");
        // retried, the command runs on the history as stored
        http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"fact":"PartnerJoined","occurredAt":"2024-01-11","organization":{"ref":"ngo","name":"NGO","sector":"NONPROFIT"},
                 "roles":["DATA_USER"]}""").exchange().expectStatus().isCreated().expectHeader().valueEquals("ETag", "\"2\"");

        // eight appends race for sequence number 3 from two instances: exactly one is stored
        PositionedEventStorageEngine another = anotherInstance(null);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            PositionedEventStorageEngine engine = i % 2 == 0 ? other : another;
            String partner = "racer-" + i;
            outcomes.add(threads.submit((Callable<Boolean>) () -> {
                try {
                    engine.appendEvents(commit(ref, 3, Instant.now(), joined(partner)));
                    return true;
                } catch (ConcurrencyException refused) {
                    return false;
                }
            }));
        }
        threads.shutdown();
        long stored = 0;
        for (Future<Boolean> outcome : outcomes) {
            stored += outcome.get() ? 1 : 0;
        }
        assertThat(stored).isEqualTo(1);
        assertThat(other.readEvents(ref, 0).asStream().map(e -> e.getSequenceNumber())).containsExactly(0L, 1L, 2L, 3L);
        // every refused append filled its position at once: no position is left for the trackers to wait on
        long head = other.headPosition();
        Commits commits = new Commits(CLIENT.getDatabase(DATABASE).getCollection(Commits.COLLECTION));
        assertThat(commits.at(LongStream.rangeClosed(1, head).boxed().toList())).hasSize((int) head);
    }

    @Test
    void eachPartnershipIsPublishedInItsOrder() throws Exception {
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            refs.add(form(uniqueRef("ordered")));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (String ref : refs) {
            done.add(threads.submit(() -> {
                for (int c = 1; c <= 6; c++) {
                    http.post().uri("/partnerships/{ref}/facts", ref).contentType(MediaType.APPLICATION_JSON).bodyValue("""
                            {"fact":"ChallengeRaised","occurredAt":"2024-02-0%d","challengeId":"c%d","challenge":"DATA_QUALITY"}"""
                            .formatted(c, c)).exchange().expectStatus().isCreated();
                }
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        threads.shutdown();

        Map<String, List<Long>> sequences = PublishedFacts.await(refs::contains, refs.size() * 7).stream()
                .collect(Collectors.groupingBy(RecordedFact::ref, Collectors.mapping(RecordedFact::sequenceNumber, Collectors.toList())));
        assertThat(sequences.keySet()).containsExactlyInAnyOrderElementsOf(refs);
        sequences.values().forEach(published -> assertThat(published).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L));
    }

    private String form(String ref) {
        http.post().uri("/partnerships").contentType(MediaType.APPLICATION_JSON).bodyValue("""
                {"ref":"%s","name":"Tracked","model":"SOCIAL_ISSUE","timeframe":"FINITE","societalIssue":"s",
                 "intendedGoal":"g","occurredAt":"2024-01-10"}""".formatted(ref)).exchange().expectStatus().isCreated();
        return ref;
    }
}
