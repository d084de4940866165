package org.datacollab.notification.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.notification.Retention;
import org.datacollab.notification.keys.DueIndex;
import org.datacollab.notification.keys.KeyedIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable queue of deliveries: one document per (risk event, subscription, channel), whose id makes it
 * unique, so that a redelivered risk event enqueues nothing new. A worker claims a due delivery for a while
 * (so that two instances never send the same one at once), and records every attempt. Every query is a key
 * lookup (docs/queries.md): what is due is listed by time bucket ({@link DueIndex}), a subscription's log by
 * subscription ({@link KeyedIds}), and a claim is a compare-and-set on ({@code _id}, {@code claimedUntil}),
 * which a unique index on both makes a key lookup on the local stack's server too.
 */
@Component
public class DeliveryStore {

    public enum Status { PENDING, DELIVERED, FAILED }

    /**
     * A delivery as claimed: {@code claimedUntil} is the claim's token (another claim, an attempt recorded or a requeue
     * changes it), which the holder shows to renew its claim, record its attempt or give the delivery back.
     */
    public record Delivery(String id, String eventId, String subscriptionId, String channel, String ref, String type,
                           String payload, Instant eventTime, int attempts, Status status, Instant claimedUntil) {
    }

    /** The latest deliveries listed per subscription (what the delivery log can show). */
    static final int LOG = 500;
    private static final String BUILT = "built";

    private final MongoCollection<Document> deliveries;
    private final DueIndex due;
    private final KeyedIds logs;

    public DeliveryStore(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        MongoDatabase db = client.getDatabase(database);
        this.deliveries = db.getCollection("deliveries");
        MongoCollection<Document> keys = db.getCollection("delivery_keys");
        this.due = new DueIndex(keys, "due", Duration.ofSeconds(10));
        this.logs = new KeyedIds(keys);
        deliveries.createIndex(Indexes.ascending("_id", "claimedUntil"), new IndexOptions().unique(true).name("claim"));
        // a delivery (with its payload) is kept for a while after it is delivered or failed, never while pending
        Retention.expireAfter(deliveries, "finishedAt", retention.deliveries());
        if (!logs.has(BUILT)) {
            // deliveries stored before their keys existed: listed once
            deliveries.find().projection(Projections.include("subscriptionId", "status", "nextAttemptAt", "createdAt"))
                    .forEach(d -> listed(d.getString("_id"), d));
            logs.mark(BUILT);
        }
    }

    static String id(String eventId, String subscriptionId, String channel) {
        return eventId + "|" + subscriptionId + "|" + channel;
    }

    /**
     * Enqueues the delivery; false when this event was already enqueued for this subscription and is no longer
     * pending. The delivery is stored, then listed (under its subscription and its due time): two writes. A try that
     * stored it and failed before listing it (MongoDB stopped between them, or answered the insert with an error after
     * writing it) left a pending delivery no poll would ever find; the retry of the same change finds it stored and
     * lists it again (the due buckets are sets, and the log reads each delivery once) and answers true, so that its first attempt is
     * made. A delivery claimed or delivered meanwhile is left to its claim: the attempt claims before it sends.
     */
    public boolean enqueue(String eventId, String subscriptionId, String channel, String ref, String type, String payload,
                           Instant eventTime, Instant now) {
        String id = id(eventId, subscriptionId, channel);
        Document delivery = new Document("_id", id)
                .append("eventId", eventId).append("subscriptionId", subscriptionId).append("channel", channel).append("ref", ref)
                .append("type", type).append("payload", payload).append("eventTime", Date.from(eventTime))
                .append("status", Status.PENDING.name()).append("attempts", 0)
                .append("nextAttemptAt", Date.from(now)).append("claimedUntil", Date.from(now))
                .append("createdAt", Date.from(now)).append("log", List.of());
        try {
            deliveries.insertOne(delivery);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document stored = deliveries.find(Filters.eq("_id", id)).first();
                if (stored == null || !Status.PENDING.name().equals(stored.getString("status"))) {
                    return false;
                }
                listed(id, stored);
                return true;
            }
            throw e;
        }
        listed(id, delivery);
        return true;
    }

    /** Claims one specific delivery if it is due and unclaimed. */
    public Optional<Delivery> claim(String id, Instant now, Instant until) {
        Document doc = deliveries.find(Filters.eq("_id", id)).first();
        if (doc == null || !Status.PENDING.name().equals(doc.getString("status")) || doc.getDate("nextAttemptAt").toInstant().isAfter(now)
                || doc.getDate("claimedUntil").toInstant().isAfter(now)) {
            return Optional.empty();
        }
        // taken only if no one claimed, attempted or requeued it since it was read: each of those sets claimedUntil
        Document claimed = deliveries.findOneAndUpdate(
                new Document("_id", id).append("claimedUntil", doc.getDate("claimedUntil")),
                Updates.set("claimedUntil", Date.from(until)), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(DeliveryStore::delivery);
    }

    /**
     * The pending deliveries whose attempt is due, from the time buckets; an id found in a bucket it no longer
     * belongs to leaves it: a finished (or missing) delivery simply, a pending one for the bucket of its next attempt,
     * listed there first. A delivery moved by an attempt or a release is listed in its new bucket before it leaves its
     * old one ({@link #moved}); a crash in between leaves it in the old one, where this finds it and moves it on.
     */
    public List<String> due(Instant now) {
        List<String> ready = new ArrayList<>();
        due.dueBy(now).forEach((bucket, ids) -> {
            Map<String, Document> found = new HashMap<>();
            deliveries.find(Filters.in("_id", ids)).projection(Projections.include("status", "nextAttemptAt"))
                    .forEach(d -> found.put(d.getString("_id"), d));
            for (String id : ids) {
                Document d = found.get(id);
                Instant next = d == null ? null : d.getDate("nextAttemptAt").toInstant();
                boolean pending = d != null && Status.PENDING.name().equals(d.getString("status"));
                if (pending && due.bucket(next) != bucket) {
                    due.add(id, next);
                }
                if (!pending || due.bucket(next) != bucket) {
                    due.remove(id, bucket);
                }
                if (pending && !next.isAfter(now)) {
                    ready.add(id);
                }
            }
        });
        return ready;
    }

    /**
     * Gives a claimed delivery back, to be claimed again from {@code at} (no attempt was made); nothing when the claim
     * {@code claimedUntil} is no longer this holder's (another instance took the delivery over meanwhile).
     */
    public void release(String id, Instant claimedUntil, Instant at) {
        Document before = deliveries.findOneAndUpdate(claimedBy(id, claimedUntil),
                Updates.combine(Updates.set("claimedUntil", Date.from(at)), Updates.set("nextAttemptAt", Date.from(at))),
                new FindOneAndUpdateOptions().projection(Projections.include("nextAttemptAt")));
        if (before != null) {
            moved(id, before, at);
        }
    }

    /**
     * Renews a claim right before its attempt if it is still the holder's (the token it was claimed or last renewed
     * with): the new token, or empty when another instance claimed the delivery since. Then this holder stopped (a
     * long pause, or a wait for a worker) past its claim, and the other one attempts the delivery (decision 0061).
     */
    public Optional<Instant> renew(String id, Instant claimedUntil, Instant until) {
        Document renewed = deliveries.findOneAndUpdate(claimedBy(id, claimedUntil), Updates.set("claimedUntil", Date.from(until)),
                new FindOneAndUpdateOptions().projection(Projections.include("claimedUntil")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(renewed).map(d -> d.getDate("claimedUntil").toInstant());
    }

    /**
     * Records an attempt made under the claim {@code claimedUntil}; false, recording nothing, when another instance
     * took the delivery over meanwhile: its own attempt is the one recorded, and a late outcome of this one (a
     * failure, say, scheduling a retry) must not undo it.
     */
    public boolean recordAttempt(String id, Instant claimedUntil, Status status, int statusCode, long latencyMillis, String error,
                                 Instant at, Instant nextAttemptAt) {
        Document attempt = new Document("at", Date.from(at)).append("statusCode", statusCode)
                .append("latencyMillis", latencyMillis).append("error", error);
        Instant next = nextAttemptAt == null ? at : nextAttemptAt;
        Document before = deliveries.findOneAndUpdate(claimedBy(id, claimedUntil), Updates.combine(
                Updates.inc("attempts", 1),
                Updates.push("log", attempt),
                Updates.set("status", status.name()),
                Updates.set("nextAttemptAt", Date.from(next)),
                Updates.set("claimedUntil", Date.from(at)),
                status == Status.PENDING ? Updates.unset("finishedAt") : Updates.set("finishedAt", Date.from(at))),
                new FindOneAndUpdateOptions().projection(Projections.include("nextAttemptAt")));
        if (before == null) {
            return false;
        }
        moved(id, before, status == Status.PENDING ? next : null);
        return true;
    }

    /**
     * Whether an attempt finished {@code at} was recorded with this status (its record ends the claim at {@code at}): how
     * a record whose answer was lost (MongoDB killed right after applying it) is told from one never applied. A key
     * lookup on the unique claim index.
     */
    public boolean recordedAt(String id, Instant at, Status status) {
        Document found = deliveries.find(claimedBy(id, at)).projection(Projections.include("status")).first();
        return found != null && status.name().equals(found.getString("status"));
    }

    /** The delivery while the claim {@code claimedUntil} holds it: a key lookup on the unique claim index. */
    private static Document claimedBy(String id, Instant claimedUntil) {
        return new Document("_id", id).append("claimedUntil", Date.from(claimedUntil));
    }

    /** Makes a delivery due again (a FAILED one becomes PENDING); false when it does not exist. */
    public boolean requeue(String id) {
        Instant now = Instant.now();
        Document before = deliveries.findOneAndUpdate(Filters.eq("_id", id), Updates.combine(
                Updates.set("status", Status.PENDING.name()),
                Updates.set("nextAttemptAt", Date.from(now)),
                Updates.set("claimedUntil", Date.from(now)),
                Updates.unset("finishedAt")), new FindOneAndUpdateOptions().projection(Projections.include("nextAttemptAt")));
        if (before == null) {
            return false;
        }
        moved(id, before, now);
        return true;
    }

    public Document document(String id) {
        return deliveries.find(Filters.eq("_id", id)).projection(new Document("payload", 0)).first();
    }

    /** The subscription's latest deliveries, newest first. */
    public List<Document> log(String subscriptionId, int limit) {
        List<String> ids = logs.latest(List.of("subscription:" + subscriptionId)).stream().map(KeyedIds.Entry::id).toList();
        List<Document> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            deliveries.find(Filters.in("_id", ids.subList(Math.max(0, ids.size() - limit), ids.size())))
                    .projection(new Document("payload", 0)).forEach(found::add);
        }
        found.sort(Comparator.comparing((Document d) -> d.getDate("createdAt")).reversed());
        return found;
    }

    /** Lists a delivery under its subscription and, while pending, under the bucket of its next attempt. */
    private void listed(String id, Document delivery) {
        logs.push("subscription:" + delivery.getString("subscriptionId"), id, delivery.getDate("createdAt").toInstant(), LOG);
        if (Status.PENDING.name().equals(delivery.getString("status"))) {
            due.add(id, delivery.getDate("nextAttemptAt").toInstant());
        }
    }

    /**
     * Moves a delivery from the bucket of its previous attempt time to that of its next (none when finished): listed
     * in the new one before it leaves the old one, so that a crash in between leaves it listed (twice at worst), never
     * nowhere, which would leave it pending without an attempt for ever.
     */
    private void moved(String id, Document before, Instant next) {
        long from = before == null || before.getDate("nextAttemptAt") == null ? Long.MIN_VALUE
                : due.bucket(before.getDate("nextAttemptAt").toInstant());
        if (next != null) {
            // listed even when it stays in the bucket it was in: a finished delivery requeued within the bucket of its
            // last attempt was listed nowhere (listing is a set: once is once)
            due.add(id, next);
        }
        if (next != null && due.bucket(next) == from) {
            return;
        }
        if (from != Long.MIN_VALUE) {
            due.remove(id, from);
        }
    }

    private static Delivery delivery(Document d) {
        return new Delivery(d.getString("_id"), d.getString("eventId"), d.getString("subscriptionId"),
                d.getString("channel") == null ? "webhook" : d.getString("channel"), d.getString("ref"),
                d.getString("type"), d.getString("payload"), d.getDate("eventTime").toInstant(), d.getInteger("attempts"),
                Status.valueOf(d.getString("status")), d.getDate("claimedUntil").toInstant());
    }
}
