package org.datacollab.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.datacollab.security.Caller;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.LinkedHashMap;

/**
 * The audit trail of administrative actions (API keys issued and revoked, projection rebuilds, replays,
 * catalogue imports): who, what, on what, when, and from which service. One collection for the whole system
 * (database {@code datacollab.audit.database}, by default {@code audit}, in the services' MongoDB), written by
 * every service, read by an administrator at the gateway ({@code GET /admin/audit}). Recording is one line:
 * <pre>{@code audit.record(caller, "projection.rebuild-started", "assessment", Map.of("generation", "7"));}</pre>
 * It writes synchronously (call it where blocking is allowed: in a {@code Mono.fromCallable} on boundedElastic,
 * a Kafka listener, a scheduled job), after the action succeeded.
 */
public final class AuditTrail {

    /** One recorded action. */
    public record Entry(String id, Instant at, String service, String subject, String organization, List<String> roles,
                        String action, String target, Map<String, String> details) {
    }

    private final MongoCollection<Document> entries;
    private final String service;
    private final Clock clock;

    public AuditTrail(MongoCollection<Document> entries, String service, Clock clock) {
        this.entries = entries;
        this.service = service;
        this.clock = clock;
        entries.createIndex(Indexes.descending("at"));
    }

    /**
     * Records that {@code who} did {@code action} (a dotted name, e.g. {@code api-key.issued}) to {@code target}
     * (what it acted on, e.g. a key id or a ref), with optional details (never secrets).
     */
    public Entry record(Caller who, String action, String target, Map<String, String> details) {
        Entry entry = new Entry(UUID.randomUUID().toString(), clock.instant(), service, who.subject(), who.organization(),
                who.roles().stream().map(Enum::name).sorted().toList(), action, target, details == null ? Map.of() : Map.copyOf(details));
        entries.insertOne(new Document("_id", entry.id()).append("at", Date.from(entry.at())).append("service", service)
                .append("subject", entry.subject()).append("organization", entry.organization()).append("roles", entry.roles())
                .append("action", action).append("target", target).append("details", new Document(entry.details())));
        return entry;
    }

    public Entry record(Caller who, String action, String target) {
        return record(who, action, target, Map.of());
    }

    /** The latest entries, newest first; only those of one action when it is given, only those since a time when given. */
    public List<Entry> latest(int limit, String action, Instant since) {
        List<Bson> filters = new ArrayList<>();
        if (action != null && !action.isBlank()) {
            filters.add(Filters.eq("action", action));
        }
        if (since != null) {
            filters.add(Filters.gte("at", Date.from(since)));
        }
        List<Entry> found = new ArrayList<>();
        entries.find(filters.isEmpty() ? new Document() : Filters.and(filters)).sort(Sorts.descending("at")).limit(limit)
                .forEach(d -> found.add(entry(d)));
        return found;
    }

    private static Entry entry(Document d) {
        Document details = d.get("details", Document.class);
        Map<String, String> values = new LinkedHashMap<>();
        if (details != null) {
            details.forEach((k, v) -> values.put(k, String.valueOf(v)));
        }
        return new Entry(d.getString("_id"), d.getDate("at").toInstant(), d.getString("service"), d.getString("subject"),
                d.getString("organization"), d.getList("roles", String.class), d.getString("action"), d.getString("target"), values);
    }
}
