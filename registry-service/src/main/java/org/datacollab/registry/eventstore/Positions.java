package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

/**
 * The counter that hands out global positions: one document ({@code event_positions}, {@code _id: "commits"})
 * advanced with {@code findOneAndUpdate $inc}, atomic on MongoDB. A position handed out twice (a server
 * without that atomicity) costs only a retry: the second insert at it fails on {@code _id}.
 */
class Positions {

    static final String COLLECTION = "event_positions";
    private static final String ID = "commits";
    private static final String VALUE = "value";
    private static final String MIGRATED = "migrated";

    private final MongoCollection<Document> counters;

    Positions(MongoCollection<Document> counters) {
        this.counters = counters;
    }

    /** A new position, never handed out before. */
    long next() {
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", ID), Updates.inc(VALUE, 1L),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return ((Number) counter.get(VALUE)).longValue();
    }

    /** The highest position handed out so far (0 when none). */
    long current() {
        Document counter = counters.find(Filters.eq("_id", ID)).first();
        return counter == null || counter.get(VALUE) == null ? 0 : ((Number) counter.get(VALUE)).longValue();
    }

    /** Whether the commits stored before positions existed have been given theirs (docs/decisions/0020). */
    boolean migrated() {
        Document counter = counters.find(Filters.eq("_id", ID)).first();
        return counter != null && counter.getBoolean(MIGRATED, false);
    }

    void markMigrated() {
        counters.updateOne(Filters.eq("_id", ID), Updates.set(MIGRATED, true), new UpdateOptions().upsert(true));
    }
}
