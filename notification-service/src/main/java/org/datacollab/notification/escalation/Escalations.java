package org.datacollab.notification.escalation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.notification.Retention;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * HIGH and CRITICAL risk changes waiting for a stakeholder's acknowledgement: one document per risk event,
 * due for escalation at a set time unless acknowledged first. Stored, so a restart forgets nothing.
 */
@Component
public class Escalations {

    public record Pending(String eventId, String ref, String lead, String type, String payload) {
    }

    private final MongoCollection<Document> escalations;

    public Escalations(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        this.escalations = client.getDatabase(database).getCollection("escalations");
        escalations.createIndex(Indexes.ascending("state", "dueAt"));
        // waiting ones are kept; acknowledged or escalated ones for a while after (closedAt)
        Retention.expireAfter(escalations, "closedAt", retention.escalations());
    }

    public void watch(String eventId, String ref, String lead, String type, String payload, Instant dueAt) {
        try {
            escalations.insertOne(new Document("_id", eventId).append("ref", ref).append("lead", lead).append("type", type)
                    .append("payload", payload).append("dueAt", Date.from(dueAt)).append("state", "WAITING"));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Acknowledges the risk change; false when no HIGH or CRITICAL change with this id is known. */
    public boolean acknowledge(String eventId, String by) {
        return escalations.updateOne(Filters.eq("_id", eventId), Updates.combine(
                Updates.set("state", "ACKNOWLEDGED"), Updates.set("acknowledgedBy", by),
                Updates.set("acknowledgedAt", Date.from(Instant.now())), Updates.set("closedAt", Date.from(Instant.now()))))
                .getMatchedCount() == 1;
    }

    public String state(String eventId) {
        Document doc = escalations.find(Filters.eq("_id", eventId)).first();
        return doc == null ? null : doc.getString("state");
    }

    /** Claims the due, unacknowledged ones (each only once: WAITING becomes ESCALATED atomically). */
    public List<Pending> claimDue(Instant now) {
        List<Pending> due = new ArrayList<>();
        while (true) {
            Document doc = escalations.findOneAndUpdate(
                    Filters.and(Filters.eq("state", "WAITING"), Filters.lte("dueAt", Date.from(now))),
                    Updates.combine(Updates.set("state", "ESCALATED"), Updates.set("closedAt", Date.from(now))));
            if (doc == null) {
                return due;
            }
            due.add(new Pending(doc.getString("_id"), doc.getString("ref"), doc.getString("lead"), doc.getString("type"),
                    doc.getString("payload")));
        }
    }
}
