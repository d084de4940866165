package org.datacollab.registry.web;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.facts.PartnerLeft;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The facts streamed to this instance's clients: ONE Kafka consumer of {@code partnership-events} per instance,
 * from the topic's end when the instance starts, fanned out to every client (decision 0034). The latest {@code
 * window} events are held, so that a client reconnecting with Last-Event-ID resumes where it stopped; one that
 * stopped before the window is told to resynchronise (event {@code resync}) instead of having the topic replayed.
 * Each client has a bounded queue: one that does not read is dropped, never buffered for without end.
 */
@Component
public class LiveFacts implements SmartLifecycle {

    /** Who may see a partnership: its partners, its steward, its jurisdiction's monitors. */
    record Audience(Set<String> partners, String steward, String jurisdiction) {
        boolean admits(Caller caller) {
            return caller.isAdmin() || caller.maySee(partners, steward, jurisdiction);
        }
    }

    /** A fact as streamed, with its place on the topic ({@code id}: the position after it in every partition). */
    public record Live(RecordedFact fact, String id, int partition, long offset, Audience audience) {
        /** Facts older than the window may be missing: the client reads the partnership again. */
        static final Live RESYNC = new Live(null, null, -1, -1, null);

        public boolean resync() {
            return fact == null;
        }
    }

    private record Client(String ref, Caller caller, Sinks.Many<Live> sink) {
    }

    private static final Logger log = LoggerFactory.getLogger(LiveFacts.class);
    private static final int AUDIENCES = 10_000;

    private final String bootstrapServers;
    private final PartnershipService partnerships;
    private final int windowSize;
    private final Deque<Live> window = new ArrayDeque<>();
    private final Map<Integer, Long> position = new TreeMap<>();
    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Audience> audiences = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Audience> eldest) {
            return size() > AUDIENCES;
        }
    };
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;

    public LiveFacts(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, PartnershipService partnerships,
                     LiveSettings settings) {
        this.bootstrapServers = bootstrapServers;
        this.partnerships = partnerships;
        this.windowSize = settings.window();
    }

    /**
     * The facts after {@code resumeAt} (partition to offset) still in the window, then each new one, of one
     * partnership or all, that the caller may see; {@code buffer} more than a client has not read drops it.
     */
    public Flux<Live> follow(String ref, Caller caller, Map<Integer, Long> resumeAt, int buffer) {
        return Flux.defer(() -> {
            List<Live> replay = new ArrayList<>();
            Client client;
            synchronized (this) {
                if (!resumeAt.isEmpty()) {
                    if (missedSomething(resumeAt)) {
                        replay.add(Live.RESYNC);
                    }
                    window.stream().filter(l -> l.offset() >= resumeAt.getOrDefault(l.partition(), 0L))
                            .filter(l -> wants(ref, caller, l)).forEach(replay::add);
                }
                Sinks.Many<Live> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Live>get(replay.size() + buffer).get());
                replay.forEach(sink::tryEmitNext);
                client = new Client(ref, caller, sink);
                clients.add(client);
            }
            return client.sink().asFlux().doFinally(signal -> clients.remove(client));
        });
    }

    /** Whether a partition's resume position lies before the first event this instance still holds of it. */
    private boolean missedSomething(Map<Integer, Long> resumeAt) {
        Map<Integer, Long> first = new TreeMap<>(position);
        for (Live held : window) {
            first.merge(held.partition(), held.offset(), Math::min);
        }
        return first.entrySet().stream().anyMatch(e -> resumeAt.getOrDefault(e.getKey(), 0L) < e.getValue());
    }

    private static boolean wants(String ref, Caller caller, Live live) {
        return (ref == null || ref.equals(live.fact().ref())) && live.audience().admits(caller);
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        RecordedFact fact;
        try {
            fact = PartnershipEventCodec.decode(record);
        } catch (RuntimeException e) {
            log.warn("not streamed: {}-{}@{} is not a partnership event ({})", record.topic(), record.partition(), record.offset(), e.toString());
            return;
        }
        Audience audience = audience(fact);
        synchronized (this) {
            position.put(record.partition(), record.offset() + 1);
            StringBuilder id = new StringBuilder();
            position.forEach((partition, offset) -> id.append(id.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
            Live live = new Live(fact, id.toString(), record.partition(), record.offset(), audience);
            window.addLast(live);
            if (window.size() > windowSize) {
                window.removeFirst();
            }
            for (Client client : clients) {
                if (wants(client.ref(), client.caller(), live) && client.sink().tryEmitNext(live).isFailure()) {
                    // not reading (its queue is full) or gone: dropped
                    clients.remove(client);
                    client.sink().tryEmitError(new IllegalStateException("the client does not read its stream; dropped"));
                }
            }
        }
    }

    /** Who may see the fact's partnership, from the event store when a partner joined or left (or it is not known yet). */
    private Audience audience(RecordedFact fact) {
        Audience known;
        synchronized (audiences) {
            known = audiences.get(fact.ref());
        }
        if (known != null && !(fact.fact() instanceof PartnerJoined) && !(fact.fact() instanceof PartnerLeft)) {
            return known;
        }
        List<RecordedFact> facts = partnerships.facts(fact.ref()).block(Duration.ofSeconds(30));
        Audience audience;
        if (facts == null || facts.isEmpty()) {
            audience = new Audience(Set.of(), null, null);
        } else {
            PartnershipState state = PartnershipState.replay(facts.stream().map(RecordedFact::fact).toList());
            audience = new Audience(Set.copyOf(state.partners().keySet()), facts.getFirst().recordedBy(),
                    state.formed() == null ? null : state.formed().jurisdiction());
        }
        synchronized (audiences) {
            audiences.put(fact.ref(), audience);
        }
        return audience;
    }

    /** Subscribes at the topic's end now, so that every fact recorded from here on is streamed; then polls on its own thread. */
    @Override
    public void start() {
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        synchronized (this) {
            partitions.forEach(p -> position.put(p.partition(), kafka.position(p)));
        }
        consumer = kafka;
        running = true;
        Thread.ofVirtual().name("live-facts").start(() -> poll(kafka));
    }

    private void poll(KafkaConsumer<String, byte[]> kafka) {
        try (kafka) {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("the live stream's consumer stopped", e);
        }
    }

    @Override
    public void stop() {
        running = false;
        KafkaConsumer<String, byte[]> kafka = consumer;
        if (kafka != null) {
            kafka.wakeup();
        }
        clients.forEach(client -> client.sink().tryEmitComplete());
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
