package org.datacollab.registry.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

/**
 * What tracking processors read: the commits after a token, by position, with {@code _id $in} of the next
 * positions up to the counter. Positions are handed out before their commits are inserted, so a position below
 * the counter can be missing: its append is in flight. It is waited for (the read stops before it) up to the
 * gap timeout, counted from when this instance first saw it missing; then a tombstone is written there and the
 * read goes on. A writer that was only slow then fails on the tombstone and appends at a new position, so
 * nothing is ever skipped. The waits are shared by every processor of this instance.
 */
final class CommitTracker {

    private static final Logger log = LoggerFactory.getLogger(CommitTracker.class);

    private final Commits commits;
    private final Positions positions;
    private final int fetchCommits;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();
    private final Counter gapsPassed;

    CommitTracker(Commits commits, Positions positions, EventStoreSettings settings, Clock clock, MeterRegistry meters) {
        this.commits = commits;
        this.positions = positions;
        this.fetchCommits = settings.fetchCommits();
        this.gapTimeout = settings.gapTimeout();
        this.clock = clock;
        this.gapsPassed = Counter.builder("registry.eventstore.gaps.passed")
                .description("Positions passed with a tombstone after no commit arrived there within the gap timeout")
                .register(meters);
    }

    /** Events after the token, whole commits up to about {@code maxEvents}; empty when there is nothing (yet). */
    List<TrackedEventData<?>> after(CommitToken token, int maxEvents) {
        List<TrackedEventData<?>> events = new ArrayList<>();
        long head = positions.current();
        long from = token.commit();
        while (from <= head && events.size() < maxEvents) {
            long to = Math.min(head, from + fetchCommits - 1);
            Map<Long, Document> found = commits.at(LongStream.rangeClosed(from, to).boxed().toList());
            for (long position = from; position <= to; position++) {
                Document commit = found.containsKey(position) ? arrived(position, found.get(position)) : passIfOverdue(position);
                if (commit == null) {
                    return events; // an append in flight: wait for it
                }
                if (!Commits.isTombstone(commit)) {
                    add(events, position, commit, position == token.commit() ? token.handled() : 0);
                }
            }
            from = to + 1;
        }
        return events;
    }

    long gapsPassed() {
        return (long) gapsPassed.count();
    }

    /** Positions this instance is waiting for. */
    int waitingFor() {
        return missingSince.size();
    }

    private static void add(List<TrackedEventData<?>> events, long position, Document commit, int skip) {
        List<? extends DomainEventData<?>> inCommit = Commits.events(commit);
        for (int i = skip; i < inCommit.size(); i++) {
            events.add(new TrackedDomainEventData<>(CommitToken.after(position, i, inCommit.size()), inCommit.get(i)));
        }
    }

    private Document arrived(long position, Document commit) {
        if (!missingSince.isEmpty()) {
            missingSince.remove(position);
        }
        return commit;
    }

    /** Null while the gap timeout has not passed; then the tombstone written, or the commit that won the race. */
    private Document passIfOverdue(long position) {
        Instant now = clock.instant();
        Instant since = missingSince.computeIfAbsent(position, p -> now);
        if (Duration.between(since, now).compareTo(gapTimeout) < 0) {
            return null;
        }
        missingSince.remove(position);
        if (commits.tombstone(position)) {
            gapsPassed.increment();
            log.warn("position {} stayed empty for {}: passed with a tombstone (an append there will retry at a new position)",
                    position, gapTimeout);
        }
        return commits.at(position).orElseThrow(() -> new IllegalStateException("position " + position + " neither filled nor passed"));
    }
}
