package org.datacollab.notification.delivery;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.notification.Retention;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of deliveries: one document per (risk event, subscription, channel), whose id makes it
 * unique, so that a redelivered risk event enqueues nothing new. A worker claims a due delivery for a while
 * (so that two instances never send the same one at once), and records every attempt.
 */
@Component
public class DeliveryStore {

    public enum Status { PENDING, DELIVERED, FAILED }

    public record Delivery(String id, String eventId, String subscriptionId, String channel, String ref, String type,
                           String payload, Instant eventTime, int attempts, Status status) {
    }

    private final MongoCollection<Document> deliveries;

    public DeliveryStore(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        this.deliveries = client.getDatabase(database).getCollection("deliveries");
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"));
        deliveries.createIndex(Indexes.ascending("subscriptionId", "createdAt"));
        // a delivery (with its payload) is kept for a while after it is delivered or failed, never while pending
        Retention.expireAfter(deliveries, "finishedAt", retention.deliveries());
    }

    static String id(String eventId, String subscriptionId, String channel) {
        return eventId + "|" + subscriptionId + "|" + channel;
    }

    /** Enqueues the delivery; false when this event was already enqueued for this subscription. */
    public boolean enqueue(String eventId, String subscriptionId, String channel, String ref, String type, String payload,
                           Instant eventTime, Instant now) {
        try {
            deliveries.insertOne(new Document("_id", id(eventId, subscriptionId, channel))
                    .append("eventId", eventId).append("subscriptionId", subscriptionId).append("channel", channel).append("ref", ref)
                    .append("type", type).append("payload", payload).append("eventTime", Date.from(eventTime))
                    .append("status", Status.PENDING.name()).append("attempts", 0)
                    .append("nextAttemptAt", Date.from(now)).append("claimedUntil", Date.from(now))
                    .append("createdAt", Date.from(now)).append("log", List.of()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Claims one specific delivery if it is due and unclaimed. */
    public Optional<Delivery> claim(String id, Instant now, Instant until) {
        return claimWhere(Filters.eq("_id", id), now, until);
    }

    /** Claims the next due delivery, if any. */
    public Optional<Delivery> claimNextDue(Instant now, Instant until) {
        return claimWhere(Filters.lte("nextAttemptAt", Date.from(now)), now, until);
    }

    private Optional<Delivery> claimWhere(org.bson.conversions.Bson which, Instant now, Instant until) {
        Document doc = deliveries.findOneAndUpdate(
                Filters.and(which, Filters.eq("status", Status.PENDING.name()), Filters.lte("claimedUntil", Date.from(now))),
                Updates.set("claimedUntil", Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).sort(Sorts.ascending("nextAttemptAt")));
        return Optional.ofNullable(doc).map(DeliveryStore::delivery);
    }

    public void recordAttempt(String id, Status status, int statusCode, long latencyMillis, String error, Instant at,
                              Instant nextAttemptAt) {
        Document attempt = new Document("at", Date.from(at)).append("statusCode", statusCode)
                .append("latencyMillis", latencyMillis).append("error", error);
        deliveries.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.inc("attempts", 1),
                Updates.push("log", attempt),
                Updates.set("status", status.name()),
                Updates.set("nextAttemptAt", Date.from(nextAttemptAt == null ? at : nextAttemptAt)),
                Updates.set("claimedUntil", Date.from(at)),
                status == Status.PENDING ? Updates.unset("finishedAt") : Updates.set("finishedAt", Date.from(at))));
    }

    /** Makes a delivery due again (a FAILED one becomes PENDING); false when it does not exist. */
    public boolean requeue(String id) {
        Instant now = Instant.now();
        return deliveries.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("status", Status.PENDING.name()),
                Updates.set("nextAttemptAt", Date.from(now)),
                Updates.set("claimedUntil", Date.from(now)),
                Updates.unset("finishedAt"))).getMatchedCount() == 1;
    }

    public Document document(String id) {
        return deliveries.find(Filters.eq("_id", id)).projection(new Document("payload", 0)).first();
    }

    public long count(String eventId, String subscriptionId) {
        return deliveries.countDocuments(Filters.and(Filters.eq("eventId", eventId), Filters.eq("subscriptionId", subscriptionId)));
    }

    public List<Document> log(String subscriptionId, int limit) {
        List<Document> found = new ArrayList<>();
        deliveries.find(Filters.eq("subscriptionId", subscriptionId)).sort(Sorts.descending("createdAt")).limit(limit)
                .projection(new Document("payload", 0)).forEach(found::add);
        return found;
    }

    private static Delivery delivery(Document d) {
        return new Delivery(d.getString("_id"), d.getString("eventId"), d.getString("subscriptionId"),
                d.getString("channel") == null ? "webhook" : d.getString("channel"), d.getString("ref"),
                d.getString("type"), d.getString("payload"), d.getDate("eventTime").toInstant(), d.getInteger("attempts"),
                Status.valueOf(d.getString("status")));
    }
}
