package org.datacollab.registry.eventstore;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One head document per aggregate ({@code event_heads}, {@code _id}: the aggregate id) listing its commits'
 * positions with their first sequence numbers, so that loading an aggregate is two key lookups (the head, then
 * {@code _id $in}) instead of a query on the aggregate id. The head is written after the commit, not with it
 * (MongoDB cannot update both atomically without a transaction), so it may miss a commit whose writer stopped in
 * between: readers find such commits by the unique (aggregate, first sequence number) key and add them here.
 */
class AggregateHeads {

    static final String COLLECTION = "event_heads";
    private static final String COMMITS = "commits";
    private static final String FIRST = "first";
    private static final String POSITION = "position";
    private static final Logger log = LoggerFactory.getLogger(AggregateHeads.class);

    /** A commit as the head knows it. */
    record Entry(long first, long position) {
    }

    private final MongoCollection<Document> heads;
    /**
     * Appends list their commit here off the command's path: the head is an index that readers repair, so the
     * command need not wait for its write (one round trip of three). One thread, a bounded queue; when it is full,
     * the appender writes itself. Updates still queued when the process stops are repaired by the next reads.
     */
    private final ThreadPoolExecutor later = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10_000),
            Thread.ofPlatform().name("event-heads").daemon().factory(), new ThreadPoolExecutor.CallerRunsPolicy());

    AggregateHeads(MongoCollection<Document> heads) {
        this.heads = heads;
    }

    /** Adds a commit to the head soon, on the heads' own thread. */
    void addSoon(String aggregate, Entry commit) {
        later.execute(() -> add(aggregate, List.of(commit)));
    }

    /** The commits the head lists, by first sequence number (empty when there is no head). */
    List<Entry> entries(String aggregate) {
        Document head = heads.find(Filters.eq("_id", aggregate)).first();
        List<Entry> entries = new ArrayList<>();
        if (head != null) {
            for (Document entry : head.getList(COMMITS, Document.class, List.of())) {
                entries.add(new Entry(((Number) entry.get(FIRST)).longValue(), ((Number) entry.get(POSITION)).longValue()));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::first));
        return entries;
    }

    /**
     * Adds commits to the head. A failure is logged, not thrown: the commit is stored, and readers find what the
     * head misses by the unique key.
     */
    void add(String aggregate, List<Entry> commits) {
        if (commits.isEmpty()) {
            return;
        }
        List<Document> entries = commits.stream()
                .map(c -> new Document(FIRST, c.first()).append(POSITION, c.position())).toList();
        try {
            heads.updateOne(Filters.eq("_id", aggregate), Updates.addEachToSet(COMMITS, entries), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            log.warn("head of {} not updated with {} (readers find the commits by key): {}", aggregate, commits, e.toString());
        }
    }
}
