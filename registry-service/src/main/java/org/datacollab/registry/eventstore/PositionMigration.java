package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.axonframework.common.DateTimeUtils;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives positions to the commits written before positions existed (axon-mongo's document-per-commit form in
 * {@code domainevents}, keyed by an ObjectId), once, at start-up, before any processor runs. Commits get
 * positions in the order the old trackers read them (first event's time, then sequence number) and move to
 * {@code event_commits}. Each old document first records the position it is given ({@code migratedTo}), then
 * is copied and deleted, so that a run stopped half-way resumes with the same positions and never copies a
 * commit twice. The old collections are left empty with their indexes (mongo-java-server cannot drop an index
 * whose name another collection also uses); an operator may drop them. Aggregate heads are written and tracking
 * tokens moved to positions ({@link LegacyTokens}); old snapshots are derived data and are not carried over.
 * Old and new writers must not run at the same time (docs/operations.md, "Upgrading the event store").
 */
final class PositionMigration {

    private static final String MIGRATED_TO = "migratedTo";
    private static final Logger log = LoggerFactory.getLogger(PositionMigration.class);

    private final MongoCollection<Document> legacy;
    private final Commits commits;
    private final Positions positions;
    private final AggregateHeads heads;
    private final LegacyTokens tokens;

    PositionMigration(MongoCollection<Document> legacy, Commits commits, Positions positions, AggregateHeads heads, LegacyTokens tokens) {
        this.legacy = legacy;
        this.commits = commits;
        this.positions = positions;
        this.heads = heads;
        this.tokens = tokens;
    }

    /** Migrates when the store has not been migrated; creates the indexes either way. */
    void run() {
        commits.ensureIndexes();
        if (positions.migrated()) {
            return;
        }
        List<Document> old = new ArrayList<>();
        legacy.find().projection(Projections.include(Commits.FIRST_TIMESTAMP, Commits.FIRST_SEQUENCE)).forEach(old::add);
        old.sort(Comparator.comparing((Document d) -> DateTimeUtils.parseInstant(d.getString(Commits.FIRST_TIMESTAMP)))
                .thenComparingLong(Commits::firstSequence));
        Map<String, List<AggregateHeads.Entry>> byAggregate = new LinkedHashMap<>();
        for (Document stamp : old) {
            Document commit = legacy.find(Filters.eq("_id", stamp.get("_id"))).first();
            if (commit != null) {
                long position = migrate(commit);
                byAggregate.computeIfAbsent(commit.getString(Commits.AGGREGATE), a -> new ArrayList<>())
                        .add(new AggregateHeads.Entry(Commits.firstSequence(commit), position));
            }
        }
        byAggregate.forEach(heads::add);
        tokens.convert(stamps(), positions.current());
        positions.markMigrated();
        if (!old.isEmpty()) {
            log.info("event store migrated: {} commits given positions up to {}", old.size(), positions.current());
        }
    }

    /** Copies one old commit to its position (the one recorded by an interrupted run, or a new one); its position. */
    private long migrate(Document commit) {
        Object id = commit.get("_id");
        Number recorded = (Number) commit.get(MIGRATED_TO);
        long position = recorded != null ? recorded.longValue() : positions.next();
        if (recorded == null) {
            legacy.updateOne(Filters.eq("_id", id), Updates.set(MIGRATED_TO, position));
        }
        Document positioned = new Document("_id", position);
        commit.forEach((key, value) -> {
            if (!key.equals("_id") && !key.equals(MIGRATED_TO)) {
                positioned.put(key, value);
            }
        });
        commits.insert(positioned); // false: copied by the interrupted run already
        legacy.deleteOne(Filters.eq("_id", id));
        return position;
    }

    /** Every positioned commit (those of an earlier, interrupted run too) with its time, in position order. */
    private List<LegacyTokens.Stamp> stamps() {
        List<LegacyTokens.Stamp> stamps = new ArrayList<>();
        commits.collection().find().projection(Projections.include(Commits.FIRST_TIMESTAMP))
                .forEach(d -> {
                    if (d.getString(Commits.FIRST_TIMESTAMP) != null) {
                        stamps.add(new LegacyTokens.Stamp(Commits.position(d), DateTimeUtils.parseInstant(d.getString(Commits.FIRST_TIMESTAMP))));
                    }
                });
        stamps.sort(Comparator.comparingLong(LegacyTokens.Stamp::position));
        return stamps;
    }
}
