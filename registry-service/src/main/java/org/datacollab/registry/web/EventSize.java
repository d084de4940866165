package org.datacollab.registry.web;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.PartnershipEventCodec;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The backstop behind the field bounds: a fact whose event would be larger than {@code partnership-events} takes
 * is refused (413 event-size) before it is recorded. Measured as published: the record of the CloudEvent with the
 * largest metadata the registry adds (ids, sequence, commit place, recorder, trace): its value, key and headers.
 */
@Component
public class EventSize {

    private static final String TRACEPARENT = "00-" + "0".repeat(32) + "-" + "0".repeat(16) + "-01";

    private final long limit;

    public EventSize(RegistryLimits limits) {
        this.limit = limits.eventSize().toBytes();
    }

    /** Refuses the fact when its event would not fit; {@code field} names it (null for a request's only fact). */
    public void check(String ref, PartnershipFact fact, String field) {
        RecordedFact probe = new RecordedFact(UUID.randomUUID().toString(), ref, Long.MAX_VALUE, Instant.now(), fact,
                Integer.MAX_VALUE, Integer.MAX_VALUE, "x".repeat(Limits.REF));
        long size = size(PartnershipEventCodec.record(probe, TRACEPARENT));
        if (size > limit) {
            throw Problem.tooLarge("event-size", field, (field == null ? "This fact" : field) + " would make an event of " + size
                    + " bytes; partnership-events takes at most " + limit + ". Shorten its texts.").with("limit", limit).exception();
        }
    }

    private static long size(ProducerRecord<String, byte[]> record) {
        long size = record.value().length + record.key().getBytes(StandardCharsets.UTF_8).length;
        for (Header header : record.headers()) {
            size += header.key().getBytes(StandardCharsets.UTF_8).length + header.value().length;
        }
        return size;
    }
}
