package org.datacollab.processors;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * One tracking processor or consumer of a service, as this instance sees it.
 *
 * @param name        the processor's or consumer group's name
 * @param kind        {@code tracking-processor} (reads the event store), {@code kafka-consumer} (a consumer group),
 *                    {@code queue} (work that falls due)
 * @param source      what it reads (the event store, a topic, ...)
 * @param runningHere whether this instance runs it now (a tracking processor's token is claimed by one instance)
 * @param position    how far it has read: the last commit handled, or the records the group has committed
 * @param head        how far there is to read: the store's last position, or the topic's end offsets
 * @param lag         {@code head - position}, in {@code unit}
 * @param unit        what position, head and lag count
 * @param gapsPassed  positions passed with a tombstone by this instance (tracking processors)
 * @param deadLetters records set aside on the service's dead-letter topic (consumers)
 * @param lastError   the last error its handler raised on this instance, with {@code lastErrorAt}
 * @param replayable  whether an administrator may replay it (its consumers are idempotent; never for one whose
 *                    replay would send notifications again)
 * @param note        what replaying does, or why it may not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessorStatus(String name, String kind, String source, boolean runningHere, Long position, Long head, Long lag,
                              String unit, Long gapsPassed, Long deadLetters, String lastError, Instant lastErrorAt,
                              boolean replayable, String note) {
}
