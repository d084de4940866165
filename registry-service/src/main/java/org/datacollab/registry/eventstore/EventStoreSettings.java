package org.datacollab.registry.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the event store ({@code datacollab.eventstore.*}).
 *
 * @param fetchCommits   commits a tracking processor reads per query ({@code _id $in} of that many positions)
 * @param gapTimeout     how long a missing position (an append in flight) is waited for before a tombstone is
 *                       written there and tracking passes it; an append that arrives later is retried at a new
 *                       position. Longer than any append takes, short enough that a crashed writer does not hold
 *                       publication up for long.
 * @param appendAttempts positions an append tries before it gives up (it needs a second only when a tracker
 *                       passed its first, i.e. when the writer paused for longer than {@code gapTimeout})
 * @param claimTimeout   how long a processor's token claim holds without being extended (another instance then
 *                       takes the processor over)
 */
@ConfigurationProperties("datacollab.eventstore")
public record EventStoreSettings(@DefaultValue("100") int fetchCommits,
                                 @DefaultValue("PT10S") Duration gapTimeout,
                                 @DefaultValue("5") int appendAttempts,
                                 @DefaultValue("PT10S") Duration claimTimeout) {
}
