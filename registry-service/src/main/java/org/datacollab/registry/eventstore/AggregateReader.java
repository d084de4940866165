package org.datacollab.registry.eventstore;

import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads an aggregate's events by key: its head lists the commits' positions, which are fetched with
 * {@code _id $in} a chunk at a time; a commit the head does not list (its writer stopped before updating the
 * head) is found by the unique (aggregate, first sequence number) key, where the history continues, and added
 * to the head. The end of the history is the first sequence number no commit starts at.
 */
final class AggregateReader {

    private static final int CHUNK = 100;

    private final Commits commits;
    private final AggregateHeads heads;

    AggregateReader(Commits commits, AggregateHeads heads) {
        this.commits = commits;
        this.heads = heads;
    }

    /** The events from {@code firstSequence} on, in order, read lazily. */
    Stream<? extends DomainEventData<?>> events(String aggregate, long firstSequence) {
        Iterator<Document> history = new History(aggregate, firstSequence);
        Iterable<Document> iterable = () -> history;
        return StreamSupport.stream(iterable.spliterator(), false)
                .flatMap(commit -> Commits.events(commit).stream())
                .filter(event -> event.getSequenceNumber() >= firstSequence);
    }

    /** The sequence number of the aggregate's last event, empty when it has none. */
    Optional<Long> lastSequenceNumber(String aggregate) {
        History history = new History(aggregate, Long.MAX_VALUE);
        Long last = null;
        while (history.hasNext()) {
            last = Commits.lastSequence(history.next());
        }
        return Optional.ofNullable(last);
    }

    /** The commits of one aggregate from the one that holds {@code firstSequence}, each checked to follow the last. */
    private final class History implements Iterator<Document> {

        private final String aggregate;
        private final List<AggregateHeads.Entry> listed;
        private final List<AggregateHeads.Entry> unlisted = new ArrayList<>();
        private int next;
        private long expected;
        private final List<Document> chunk = new ArrayList<>();
        private Document upcoming;
        private boolean ended;

        /** Starts at the last listed commit that begins at or before {@code firstSequence}; at 0 when none does. */
        History(String aggregate, long firstSequence) {
            this.aggregate = aggregate;
            this.listed = heads.entries(aggregate);
            for (int i = 0; i < listed.size() && listed.get(i).first() <= firstSequence; i++) {
                next = i;
                expected = listed.get(i).first();
            }
        }

        @Override
        public boolean hasNext() {
            if (upcoming == null && !ended) {
                upcoming = advance();
                if (upcoming == null) {
                    ended = true;
                    heads.add(aggregate, unlisted);
                }
            }
            return upcoming != null;
        }

        @Override
        public Document next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Document commit = upcoming;
            upcoming = null;
            expected = Commits.lastSequence(commit) + 1;
            return commit;
        }

        /** The commit starting at {@code expected}: from the head's chunk when it lists it, else by key. */
        private Document advance() {
            if (chunk.isEmpty() && next < listed.size()) {
                fetchChunk();
            }
            if (!chunk.isEmpty() && Commits.firstSequence(chunk.getFirst()) == expected) {
                return chunk.removeFirst();
            }
            // the head misses the commit at `expected` (or lists nothing more): the unique key knows
            Optional<Document> found = commits.startingAt(aggregate, expected);
            found.ifPresent(commit -> unlisted.add(new AggregateHeads.Entry(expected, Commits.position(commit))));
            // listed commits before `expected` were superseded by nothing; drop any the probe skipped past
            chunk.removeIf(commit -> Commits.firstSequence(commit) < expected);
            return found.orElse(null);
        }

        private void fetchChunk() {
            List<AggregateHeads.Entry> slice = listed.subList(next, Math.min(listed.size(), next + CHUNK));
            next += slice.size();
            Map<Long, Document> found = commits.at(slice.stream().map(AggregateHeads.Entry::position).toList());
            for (AggregateHeads.Entry entry : slice) {
                Document commit = found.get(entry.position());
                if (commit != null && !Commits.isTombstone(commit)) {
                    chunk.add(commit);
                }
            }
        }
    }
}
