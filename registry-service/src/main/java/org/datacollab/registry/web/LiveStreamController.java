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

    public LiveStreamController(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Map<String, Object>>> all(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        return stream(null, lastEventId);
    }

    @GetMapping(path = "/{ref}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Map<String, Object>>> one(@PathVariable String ref,
                                                         @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        return stream(ref, lastEventId);
    }

    private Flux<ServerSentEvent<Map<String, Object>>> stream(String ref, String lastEventId) {
        Map<Integer, Long> resumeAt = parse(lastEventId);
        Flux<ServerSentEvent<Map<String, Object>>> facts = Flux.create(sink -> {
            AtomicBoolean open = new AtomicBoolean(true);
            sink.onDispose(() -> open.set(false));
            Thread poller = Thread.ofVirtual().name("sse-" + (ref == null ? "all" : ref)).start(() -> poll(ref, resumeAt, sink, open));
            sink.onCancel(poller::interrupt);
        }, FluxSink.OverflowStrategy.BUFFER);
        Flux<ServerSentEvent<Map<String, Object>>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Map<String, Object>>builder().comment("keep-alive").build());
        return Flux.merge(facts, heartbeat);
    }

    private void poll(String ref, Map<Integer, Long> resumeAt, FluxSink<ServerSentEvent<Map<String, Object>>> sink, AtomicBoolean open) {
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
                        sink.next(event(PartnershipEventCodec.decode(record.value()), position));
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
