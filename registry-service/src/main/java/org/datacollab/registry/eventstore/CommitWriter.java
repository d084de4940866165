package org.datacollab.registry.eventstore;

import com.mongodb.MongoException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * Appends one commit: takes a new position, inserts the commit there, then has it added to the aggregate's head
 * (off the command's path: readers find a commit the head does not list yet by its unique key).
 * The insert fails on a duplicate key in two cases, told apart by what is at the position afterwards:
 * <ul>
 * <li>something else is there: a tracker waited for this position longer than the gap timeout and passed it with
 * a tombstone (this writer paused, e.g. in a long GC). The commit was never visible; it is retried at a new
 * position, so it is published after everything already passed, never skipped;</li>
 * <li>nothing is there: the aggregate already has a commit at this first sequence number (another writer got
 * there first). The position is filled with a tombstone at once, so trackers do not wait for it, and the append
 * fails as a conflict (409).</li>
 * </ul>
 */
class CommitWriter {

    private static final Logger log = LoggerFactory.getLogger(CommitWriter.class);

    private final Commits commits;
    private final Positions positions;
    private final AggregateHeads heads;
    private final int attempts;
    private final Counter retried;
    private final Timer appends;

    CommitWriter(Commits commits, Positions positions, AggregateHeads heads, int attempts, MeterRegistry meters) {
        this.commits = commits;
        this.positions = positions;
        this.heads = heads;
        this.attempts = attempts;
        this.retried = Counter.builder("registry.eventstore.append.retried")
                .description("Appends retried at a new position because a tracker passed theirs (the writer paused too long)")
                .register(meters);
        this.appends = Timer.builder("registry.eventstore.append")
                .description("Time to append one commit of events to the MongoDB event store")
                .publishPercentileHistogram()
                .register(meters);
    }

    /** The position the commit was stored at. */
    long append(Document commit) {
        return appends.record(() -> appendTimed(commit));
    }

    private long appendTimed(Document commit) {
        String aggregate = commit.getString(Commits.AGGREGATE);
        long first = Commits.firstSequence(commit);
        for (int attempt = 1; attempt <= attempts; attempt++) {
            long position = positions.next();
            Document positioned = new Document("_id", position);
            positioned.putAll(commit);
            if (insert(positioned, position)) {
                heads.addSoon(aggregate, new AggregateHeads.Entry(first, position));
                return position;
            }
            if (commits.at(position).isEmpty()) {
                commits.tombstone(position);
                throw new CommitConflict(aggregate, first);
            }
            retried.increment();
            log.info("position {} of {} #{} was passed while the append was in flight; retrying at a new position",
                    position, aggregate, first);
        }
        throw new IllegalStateException("No position for a commit of " + aggregate + " after " + attempts + " attempts");
    }

    /**
     * True when the commit is stored at the position. After an error whose outcome is unknown (the connection
     * dropped), the position is looked at: the commit may be there; if not, a tombstone closes the gap.
     */
    private boolean insert(Document commit, long position) {
        try {
            return commits.insert(commit) || isThere(commit, position);
        } catch (MongoException e) {
            if (isThere(commit, position)) {
                return true;
            }
            commits.tombstone(position);
            throw e;
        }
    }

    private boolean isThere(Document commit, long position) {
        return commits.at(position)
                .filter(stored -> Objects.equals(stored.get(Commits.EVENT_ID), commit.get(Commits.EVENT_ID)))
                .isPresent();
    }

    /** Another commit of the aggregate starts at the same sequence number: the history would fork. */
    static final class CommitConflict extends RuntimeException {
        CommitConflict(String aggregate, long first) {
            super("Aggregate " + aggregate + " already has a commit starting at sequence number " + first);
        }
    }
}
