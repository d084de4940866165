package org.datacollab.notification.keys;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ids listed under keys, one document per key ({@code _id}: the key), so that "the subscriptions naming this
 * partnership" or "this organization's latest alerts" is one lookup by {@code _id} (or {@code $in} for several
 * keys) on MongoDB and on the local stack's server alike, where a query on a field of the listed documents would
 * read them all (docs/queries.md). A set ({@link #add}, {@link #remove}) or a list of the latest entries with their
 * time, capped ({@link #push}).
 */
public final class KeyedIds {

    private static final String IDS = "ids";
    private static final String LATEST = "latest";

    /** An id pushed to a capped list, with when. */
    public record Entry(String id, Instant at) {
    }

    private final MongoCollection<Document> keys;

    public KeyedIds(MongoCollection<Document> keys) {
        this.keys = keys;
    }

    public void add(String key, String id) {
        keys.updateOne(Filters.eq("_id", key), Updates.addToSet(IDS, id), new UpdateOptions().upsert(true));
    }

    public void remove(String key, String id) {
        keys.updateOne(Filters.eq("_id", key), Updates.pull(IDS, id));
    }

    /** The ids listed under any of the keys, in the order met. */
    public List<String> ids(List<String> keyList) {
        Set<String> ids = new LinkedHashSet<>();
        if (!keyList.isEmpty()) {
            keys.find(Filters.in("_id", keyList)).forEach(d -> ids.addAll(d.getList(IDS, String.class, List.of())));
        }
        return List.copyOf(ids);
    }

    /** Appends an entry to the key's list, which keeps the latest {@code cap} entries. */
    public void push(String key, String id, Instant at, int cap) {
        keys.updateOne(Filters.eq("_id", key), Updates.pushEach(LATEST,
                List.of(new Document("id", id).append("at", Date.from(at))), new PushOptions().slice(-cap)),
                new UpdateOptions().upsert(true));
    }

    /** The entries of the keys' lists, oldest first within each key. */
    public List<Entry> latest(List<String> keyList) {
        List<Entry> entries = new ArrayList<>();
        if (!keyList.isEmpty()) {
            keys.find(Filters.in("_id", keyList)).forEach(d -> d.getList(LATEST, Document.class, List.of())
                    .forEach(e -> entries.add(new Entry(e.getString("id"), e.getDate("at").toInstant()))));
        }
        return entries;
    }

    /** Whether a marker key exists (e.g. that the lists were built from documents stored before them). */
    public boolean has(String key) {
        return keys.find(Filters.eq("_id", key)).first() != null;
    }

    public void mark(String key) {
        keys.updateOne(Filters.eq("_id", key), Updates.set("at", new Date()), new UpdateOptions().upsert(true));
    }
}
