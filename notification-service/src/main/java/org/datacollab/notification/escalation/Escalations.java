package org.datacollab.notification.escalation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.notification.Retention;
import org.datacollab.notification.keys.DueIndex;
import org.datacollab.notification.keys.KeyedIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * HIGH and CRITICAL risk changes waiting for a stakeholder's acknowledgement: one document per risk event,
 * due for escalation at a set time unless acknowledged first. Stored, so a restart forgets nothing.
 */
@Component
public class Escalations {

    public record Pending(String eventId, String ref, String lead, String type, String payload, long bucket) {
    }

    private static final String BUILT = "built";

    /**
     * A watched risk change as far as access goes: its partnership's organizations, steward and jurisdiction, as the
     * change named them; {@code complete} is false for changes watched before all three were stored (decision 0016).
     */
    public record Watched(String eventId, String ref, List<String> organizations, String steward, String jurisdiction, boolean complete) {
    }

    private final MongoCollection<Document> escalations;
    private final DueIndex due;

    public Escalations(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        this.escalations = client.getDatabase(database).getCollection("escalations");
        MongoCollection<Document> keys = client.getDatabase(database).getCollection("escalation_keys");
        this.due = new DueIndex(keys, "due", Duration.ofMinutes(1));
        // a claim is a change of state from WAITING found by (_id, state): a key lookup with this unique index
        escalations.createIndex(Indexes.ascending("_id", "state"), new IndexOptions().unique(true).name("claim"));
        // waiting ones are kept; acknowledged or escalated ones for a while after (closedAt)
        Retention.expireAfter(escalations, "closedAt", retention.escalations());
        KeyedIds markers = new KeyedIds(keys);
        if (!markers.has(BUILT)) {
            // escalations stored before their keys existed: the waiting ones listed once
            escalations.find(Filters.eq("state", "WAITING")).forEach(d -> due.add(d.getString("_id"), d.getDate("dueAt").toInstant()));
            markers.mark(BUILT);
        }
    }

    /**
     * Watches a HIGH or CRITICAL change: stores it, then lists it under its due time; two writes. A try that stored it
     * and stopped before listing it left a waiting escalation no check would ever find; the retry of the same change
     * finds it stored and, while it still waits, lists it under the due time it was stored with (a bucket is a set).
     */
    public void watch(String eventId, RiskChange change, String payload, Instant dueAt) {
        try {
            escalations.insertOne(new Document("_id", eventId).append("ref", change.ref()).append("lead", change.lead())
                    .append("organizations", change.organizations()).append("steward", change.steward())
                    .append("jurisdiction", change.jurisdiction())
                    .append("type", change.changeName()).append("payload", payload).append("dueAt", Date.from(dueAt)).append("state", "WAITING"));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document stored = escalations.find(Filters.eq("_id", eventId)).projection(new Document("dueAt", 1).append("state", 1)).first();
            if (stored != null && "WAITING".equals(stored.getString("state"))) {
                due.add(eventId, stored.getDate("dueAt").toInstant());
            }
            return;
        }
        due.add(eventId, dueAt);
    }

    /** Acknowledges the risk change; false when no HIGH or CRITICAL change with this id is known. */
    public boolean acknowledge(String eventId, String by) {
        return escalations.updateOne(Filters.eq("_id", eventId), Updates.combine(
                Updates.set("state", "ACKNOWLEDGED"), Updates.set("acknowledgedBy", by),
                Updates.set("acknowledgedAt", Date.from(Instant.now())), Updates.set("closedAt", Date.from(Instant.now()))))
                .getMatchedCount() == 1;
    }

    /** The watched risk change with this id, if any. */
    public Optional<Watched> find(String eventId) {
        Document doc = escalations.find(Filters.eq("_id", eventId)).projection(new Document("payload", 0)).first();
        if (doc == null) {
            return Optional.empty();
        }
        List<String> organizations = doc.getList("organizations", String.class);
        // escalations watched before issue 19 stored neither partners nor jurisdiction, and before decision 0016 no steward
        return Optional.of(new Watched(eventId, doc.getString("ref"), organizations == null ? List.of() : organizations,
                doc.getString("steward"), doc.getString("jurisdiction"), doc.containsKey("steward")));
    }

    public String state(String eventId) {
        Document doc = escalations.find(Filters.eq("_id", eventId)).first();
        return doc == null ? null : doc.getString("state");
    }

    /**
     * Claims the due, unacknowledged ones (each only once: WAITING becomes ESCALATED atomically), from the time
     * buckets. An id found acknowledged (or gone) leaves its bucket here; a claimed one stays listed until its
     * escalation is enqueued ({@link #escalated}): one found ESCALATED and still listed was claimed by a check that
     * stopped before enqueuing it (or one under way on another instance), and is answered again, since enqueuing
     * is idempotent (the deliveries' ids) and each attempt claims its delivery.
     */
    public List<Pending> claimDue(Instant now) {
        List<Pending> claimed = new ArrayList<>();
        due.dueBy(now).forEach((bucket, ids) -> {
            for (String id : ids) {
                Document doc = escalations.find(Filters.eq("_id", id)).projection(new Document("dueAt", 1).append("state", 1)).first();
                if (doc != null && doc.getDate("dueAt").toInstant().isAfter(now)) {
                    continue;
                }
                Document won = doc == null ? null : "ESCALATED".equals(doc.getString("state"))
                        ? escalations.find(Filters.eq("_id", id)).first()
                        : escalations.findOneAndUpdate(new Document("_id", id).append("state", "WAITING"),
                                Updates.combine(Updates.set("state", "ESCALATED"), Updates.set("closedAt", Date.from(now))));
                if (won != null) {
                    claimed.add(new Pending(won.getString("_id"), won.getString("ref"), won.getString("lead"), won.getString("type"),
                            won.getString("payload"), bucket));
                } else {
                    due.remove(id, bucket);
                }
            }
        });
        return claimed;
    }

    /** The claimed escalation is enqueued (or has no one to go to): it leaves its bucket. */
    public void escalated(Pending pending) {
        due.remove(pending.eventId(), pending.bucket());
    }
}
