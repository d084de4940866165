package org.datacollab.notification.keys;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Work that falls due at a time (a delivery's next attempt, an escalation), listed by time bucket: one document
 * per bucket of {@code width} ({@code <name>:<epoch second of its start>}) holds the ids due in it. Reading what is
 * due is {@code _id $in} of the buckets from a cursor to now, instead of a range query on a field (which the local
 * stack's server answers by reading the whole collection). The cursor stays at the earliest bucket that still
 * holds ids, and never later than a minute ago, so that work listed by an instance whose clock is behind is still
 * found. An id leaves its bucket when its work is done or moved ({@link #remove}); readers remove ids they find
 * stale.
 */
public final class DueIndex {

    /** How far back every read looks, whatever the cursor says (clock skew between instances). */
    private static final Duration MARGIN = Duration.ofMinutes(1);
    private static final int BUCKETS_PER_READ = 500;

    private final KeyedIds buckets;
    private final MongoCollection<Document> keys;
    private final String name;
    private final long width;

    public DueIndex(MongoCollection<Document> keys, String name, Duration width) {
        this.keys = keys;
        this.buckets = new KeyedIds(keys);
        this.name = name;
        this.width = width.toSeconds();
    }

    /** The bucket an instant falls in. */
    public long bucket(Instant due) {
        return Math.floorDiv(due.getEpochSecond(), width) * width;
    }

    public void add(String id, Instant due) {
        buckets.add(key(bucket(due)), id);
    }

    public void remove(String id, long bucket) {
        buckets.remove(key(bucket), id);
    }

    /** The ids listed in the buckets from the cursor up to now's, by bucket; the cursor moves on past empty ones. */
    public Map<Long, List<String>> dueBy(Instant now) {
        Document cursor = keys.find(Filters.eq("_id", cursorKey())).first();
        long last = bucket(now);
        long margin = bucket(now.minus(MARGIN));
        long from = cursor == null ? margin : Math.min(cursor.getLong("bucket"), margin);
        TreeMap<Long, List<String>> due = new TreeMap<>();
        for (long start = from; start <= last; start += BUCKETS_PER_READ * width) {
            List<String> ids = new ArrayList<>();
            for (long b = start; b <= last && b < start + BUCKETS_PER_READ * width; b += width) {
                ids.add(key(b));
            }
            keys.find(Filters.in("_id", ids)).forEach(d -> {
                List<String> listed = d.getList("ids", String.class, List.of());
                if (!listed.isEmpty()) {
                    due.put(Long.parseLong(d.getString("_id").substring(name.length() + 1)), listed);
                }
            });
        }
        long next = due.isEmpty() ? margin : Math.min(due.firstKey(), margin);
        if (cursor == null || cursor.getLong("bucket") != next) {
            keys.updateOne(Filters.eq("_id", cursorKey()), Updates.set("bucket", next), new UpdateOptions().upsert(true));
        }
        return due;
    }

    private String key(long bucket) {
        return name + ":" + bucket;
    }

    private String cursorKey() {
        return name + "-cursor";
    }
}
