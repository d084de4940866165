package org.datacollab.deadletter;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * A service's dead letters ({@code datacollab.dead-letters}, decision 0032).
 *
 * @param topic              the service's own dead-letter topic, e.g. {@code assessment.dead-letters}
 * @param attempts           how often a record that fails for a reason of its own is tried before it is set aside
 * @param backoff            the pause between those attempts
 * @param unreachableBackoff the longest pause between retries of a record whose dependency (MongoDB, Kafka, the
 *                           registry) is unreachable: such a record is retried without end, never set aside
 * @param referenceAbove     a record larger than this is set aside by reference (its topic, partition, offset, key
 *                           and size) rather than copied, so that the dead letter itself always fits its topic
 * @param retention          how long the topic keeps a dead letter
 * @param replicas           the topic's replicas
 */
@ConfigurationProperties("datacollab.dead-letters")
public record DeadLetterSettings(String topic,
                                 @DefaultValue("3") int attempts,
                                 @DefaultValue("PT1S") Duration backoff,
                                 @DefaultValue("PT10S") Duration unreachableBackoff,
                                 @DefaultValue("512KB") DataSize referenceAbove,
                                 @DefaultValue("P30D") Duration retention,
                                 @DefaultValue("1") short replicas) {
}
