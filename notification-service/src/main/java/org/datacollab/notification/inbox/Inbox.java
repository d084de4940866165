package org.datacollab.notification.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.notification.Retention;
import org.datacollab.notification.delivery.WebhookSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Each organization's in-app inbox of alerts, in MongoDB (one per delivery id, so never twice), and its live
 * stream. The stream shows alerts added by any instance of the service: while someone listens, each instance
 * reads the alerts added recently (one query a second for all listeners), and emits each alert once.
 */
@Component
public class Inbox {

    private static final java.time.Duration OVERLAP = java.time.Duration.ofSeconds(10);

    public record Alert(String id, String organization, String ref, String type, String payload, Instant receivedAt, boolean acknowledged) {
    }

    private final MongoCollection<Document> alerts;
    private final Sinks.Many<Alert> live = Sinks.many().multicast().directBestEffort();
    /** Ids emitted within the overlap window, so that an alert read again by the poll is not emitted twice. */
    private final java.util.Map<String, Instant> emitted = new java.util.concurrent.ConcurrentHashMap<>();

    public Inbox(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        this.alerts = client.getDatabase(database).getCollection("inbox");
        alerts.createIndex(Indexes.ascending("organization", "receivedAt"));
        // an alert is kept while unacknowledged, and for a while after it is acknowledged
        Retention.expireAfter(alerts, "acknowledgedAt", retention.acknowledgedAlerts());
    }

    public WebhookSender.Outcome add(String id, String organization, String ref, String type, String payload) {
        Instant now = Instant.now();
        try {
            alerts.insertOne(new Document("_id", id).append("organization", organization).append("ref", ref)
                    .append("type", type).append("payload", payload).append("receivedAt", Date.from(now)).append("acknowledged", false));
            emit(new Alert(id, organization, ref, type, payload, now, false));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return new WebhookSender.Outcome(0, e.getMessage(), null);
            }
        }
        return new WebhookSender.Outcome(200, null, null);
    }

    public List<Alert> list(String organization, int limit) {
        List<Alert> found = new ArrayList<>();
        alerts.find(Filters.eq("organization", organization)).sort(Sorts.descending("receivedAt")).limit(limit)
                .forEach(d -> found.add(alert(d)));
        return found;
    }

    public boolean acknowledge(String organization, String id) {
        return alerts.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("organization", organization)),
                Updates.combine(Updates.set("acknowledged", true), Updates.set("acknowledgedAt", Date.from(Instant.now()))))
                .getMatchedCount() == 1;
    }

    private synchronized void emit(Alert alert) {
        if (emitted.putIfAbsent(alert.id(), alert.receivedAt()) == null) {
            live.tryEmitNext(alert);
        }
    }

    /** Emits the alerts other instances added lately; nothing to do while no one listens. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${datacollab.inbox.poll:PT1S}")
    public void pollRecent() {
        if (live.currentSubscriberCount() == 0) {
            emitted.clear();
            return;
        }
        Instant since = Instant.now().minus(OVERLAP);
        emitted.values().removeIf(at -> at.isBefore(since.minus(OVERLAP)));
        alerts.find(Filters.gte("receivedAt", Date.from(since))).sort(Sorts.ascending("receivedAt"))
                .forEach(d -> emit(alert(d)));
    }

    public Flux<Alert> stream(String organization) {
        return live.asFlux().filter(a -> a.organization().equals(organization));
    }

    private static Alert alert(Document d) {
        return new Alert(d.getString("_id"), d.getString("organization"), d.getString("ref"), d.getString("type"),
                d.getString("payload"), d.getDate("receivedAt").toInstant(), Boolean.TRUE.equals(d.getBoolean("acknowledged")));
    }
}
