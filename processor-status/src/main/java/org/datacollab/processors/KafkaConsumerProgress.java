package org.datacollab.processors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How far a consumer group has read a topic: the offsets it has committed against the topic's end offsets, summed
 * over the partitions (asked of the Kafka cluster, so it is the whole group's, whichever instance asks).
 */
public final class KafkaConsumerProgress implements AutoCloseable {

    /** Committed records, records on the topic, and the difference. */
    public record Progress(long position, long head, long lag) {
    }

    private final Admin admin;

    public KafkaConsumerProgress(Admin admin) {
        this.admin = admin;
    }

    public Progress of(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS);
            long head = ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
            long position = partitions.stream().mapToLong(p -> committed.containsKey(p) && committed.get(p) != null
                    ? committed.get(p).offset() : 0).sum();
            return new Progress(position, head, head - position);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka for " + group, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not say how far " + group + " has read " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
