package org.datacollab.registry.web;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.json.Topics;
import org.datacollab.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * New facts as Server-Sent Events, for all partnerships or one. The stream reads {@code partnership-events}
 * (so it carries what every registry instance records), and each event's id is the position after it in every
 * partition ("0:17,1:4,..."): a client that reconnects with Last-Event-ID resumes exactly where it stopped.
 */
@RestController
@RequestMapping("/partnerships")
public class LiveStreamController {

    private final String bootstrapServers;
    private final org.datacollab.registry.partnership.PartnershipService partnerships;

    public LiveStreamController(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers,
                                org.datacollab.registry.partnership.PartnershipService partnerships) {
        this.bootstrapServers = bootstrapServers;
        this.partnerships = partnerships;
    }

    /** Every fact of the partnerships the caller may see. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Map<String, Object>>> all(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                                         Caller caller) {
        return stream(null, lastEventId, caller);
    }

    /** One partnership's facts; 404 when it does not exist or the caller may not see it (administrators may wait for one). */
    @GetMapping(path = "/{ref}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Map<String, Object>>> one(@PathVariable String ref,
                                                         @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                                         Caller caller) {
        if (caller.isAdmin()) {
            return stream(ref, lastEventId, caller);
        }
        return partnerships.facts(ref).flatMapMany(facts -> {
            if (!org.datacollab.registry.partnership.PartnershipService.visible(facts, caller)) {
                return Flux.error(new UnknownPartnership(ref));
            }
            return stream(ref, lastEventId, caller);
        });
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(String ref, String lastEventId, Caller caller) {
        Map<Integer, Long> resumeAt = parse(lastEventId);
        java.util.function.Predicate<RecordedFact> visible = caller.isAdmin() ? r -> true : new Visible(caller);
        Flux<ServerSentEvent<Map<String, Object>>> facts = Flux.create(sink -> {
            AtomicBoolean open = new AtomicBoolean(true);
            sink.onDispose(() -> open.set(false));
            Thread poller = Thread.ofVirtual().name("sse-" + (ref == null ? "all" : ref)).start(() -> poll(ref, resumeAt, sink, open, visible));
            sink.onCancel(poller::interrupt);
        }, FluxSink.OverflowStrategy.BUFFER);
        Flux<ServerSentEvent<Map<String, Object>>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Map<String, Object>>builder().comment("keep-alive").build());
        // a first comment at once: the response (its headers) is sent now, not with the first fact or heartbeat,
        // so that clients know at once that the stream is open
        Flux<ServerSentEvent<Map<String, Object>>> opened = Flux.just(ServerSentEvent.<Map<String, Object>>builder().comment("connected").build());
        return Flux.concat(opened, Flux.merge(facts, heartbeat));
    }

    /**
     * Whether a streamed fact's partnership is visible to the caller, from the event store, remembered per
     * partnership until a fact that changes who may see it (a partner joining or leaving) comes by.
     */
    private final class Visible implements java.util.function.Predicate<RecordedFact> {
        private final Caller caller;
        private final Map<String, Boolean> known = new java.util.HashMap<>();

        Visible(Caller caller) {
            this.caller = caller;
        }

        @Override
        public boolean test(RecordedFact recorded) {
            if (recorded.fact() instanceof org.datacollab.contracts.facts.PartnerJoined
                    || recorded.fact() instanceof org.datacollab.contracts.facts.PartnerLeft) {
                known.remove(recorded.ref());
            }
            return known.computeIfAbsent(recorded.ref(), ref -> {
                List<RecordedFact> facts = partnerships.facts(ref).block();
                return facts != null && org.datacollab.registry.partnership.PartnershipService.visible(facts, caller);
            });
        }
    }

    private void poll(String ref, Map<Integer, Long> resumeAt, FluxSink<ServerSentEvent<Map<String, Object>>> sink, AtomicBoolean open,
                      java.util.function.Predicate<RecordedFact> visible) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PARTNERSHIP_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<Integer, Long> position = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                Long offset = resumeAt.get(partition.partition());
                if (offset != null) {
                    consumer.seek(partition, offset);
                } else if (resumeAt.isEmpty()) {
                    consumer.seekToEnd(List.of(partition));
                } else {
                    consumer.seekToBeginning(List.of(partition));
                }
                position.put(partition.partition(), consumer.position(partition));
            }
            while (open.get() && !Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    position.put(record.partition(), record.offset() + 1);
                    if (ref == null || ref.equals(record.key())) {
                        RecordedFact recorded = PartnershipEventCodec.decode(record);
                        if (visible.test(recorded)) {
                            sink.next(event(recorded, position));
                        }
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // the client went away
        } catch (RuntimeException e) {
            sink.error(e);
            return;
        }
        sink.complete();
    }

    private static ServerSentEvent<Map<String, Object>> event(RecordedFact recorded, Map<Integer, Long> position) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ref", recorded.ref());
        data.put("sequenceNumber", recorded.sequenceNumber());
        data.put("eventId", recorded.eventId());
        data.put("recordedAt", recorded.recordedAt().toString());
        data.put("fact", PartnershipController.factJson(recorded.fact()));
        StringBuilder id = new StringBuilder();
        position.forEach((partition, offset) -> id.append(id.isEmpty() ? "" : ",").append(partition).append(':').append(offset));
        return ServerSentEvent.<Map<String, Object>>builder().id(id.toString()).event(recorded.fact().factName()).data(data).build();
    }

    static Map<Integer, Long> parse(String lastEventId) {
        Map<Integer, Long> positions = new TreeMap<>();
        if (lastEventId == null || lastEventId.isBlank()) {
            return positions;
        }
        try {
            for (String part : lastEventId.split(",")) {
                String[] kv = part.split(":");
                positions.put(Integer.parseInt(kv[0].trim()), Long.parseLong(kv[1].trim()));
            }
        } catch (RuntimeException e) {
            throw new InvalidInput("Last-Event-ID", "last-event-id-format", "Last-Event-ID must be an id this stream sent, such as 0:17,1:4.");
        }
        return positions;
    }
}
