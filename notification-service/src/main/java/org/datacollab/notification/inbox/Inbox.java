package org.datacollab.notification.inbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.notification.Retention;
import org.datacollab.notification.keys.KeyedIds;
import org.datacollab.notification.delivery.WebhookSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Each organization's in-app inbox of alerts, in MongoDB (one per delivery id, so never twice), and its live
 * stream. Each organization's latest alerts are listed under its key ({@link KeyedIds}), so that its inbox is
 * read by key, however many alerts there are. The stream shows alerts added by any instance of the service:
 * while someone listens, each instance reads the lists of the organizations listened to (one query a second),
 * and emits each alert added lately once.
 */
@Component
public class Inbox {

    private static final Duration OVERLAP = Duration.ofSeconds(10);
    /** The latest alerts listed per organization (what its inbox shows). */
    static final int LISTED = 500;
    private static final String BUILT = "built";

    public record Alert(String id, String organization, String ref, String type, String payload, Instant receivedAt, boolean acknowledged) {
    }

    private final MongoCollection<Document> alerts;
    private final KeyedIds lists;
    private final Sinks.Many<Alert> live = Sinks.many().multicast().directBestEffort();
    /** Ids emitted within the overlap window, so that an alert read again by the poll is not emitted twice. */
    private final Map<String, Instant> emitted = new ConcurrentHashMap<>();
    /** The organizations whose stream someone listens to on this instance, with how many listeners. */
    private final Map<String, Integer> listened = new ConcurrentHashMap<>();

    public Inbox(MongoClient client, @Value("${spring.mongodb.database}") String database, Retention retention) {
        this.alerts = client.getDatabase(database).getCollection("inbox");
        this.lists = new KeyedIds(client.getDatabase(database).getCollection("inbox_keys"));
        // an alert is kept while unacknowledged, and for a while after it is acknowledged
        Retention.expireAfter(alerts, "acknowledgedAt", retention.acknowledgedAlerts());
        if (!lists.has(BUILT)) {
            // alerts stored before the lists existed: listed once, oldest first
            List<Document> stored = new ArrayList<>();
            alerts.find().projection(new Document("organization", 1).append("receivedAt", 1)).forEach(stored::add);
            stored.sort(Comparator.comparing(d -> d.getDate("receivedAt")));
            stored.forEach(d -> lists.push(key(d.getString("organization")), d.getString("_id"), d.getDate("receivedAt").toInstant(), LISTED));
            lists.mark(BUILT);
        }
    }

    /**
     * Adds the alert: stores it, then lists it under its organization; two writes. An attempt that stored it and
     * stopped before listing it (its delivery stays pending, and is attempted again) left an alert no inbox shows;
     * the next attempt finds it stored and lists it unless its organization's list already has it.
     */
    public WebhookSender.Outcome add(String id, String organization, String ref, String type, String payload) {
        Instant now = Instant.now();
        try {
            alerts.insertOne(new Document("_id", id).append("organization", organization).append("ref", ref)
                    .append("type", type).append("payload", payload).append("receivedAt", Date.from(now)).append("acknowledged", false));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                return new WebhookSender.Outcome(0, e.getMessage(), null);
            }
            Document stored = alerts.find(Filters.eq("_id", id)).first();
            if (stored == null || lists.latest(List.of(key(stored.getString("organization")))).stream().anyMatch(entry -> entry.id().equals(id))) {
                return new WebhookSender.Outcome(200, null, null);
            }
            return listed(alert(stored));
        }
        return listed(new Alert(id, organization, ref, type, payload, now, false));
    }

    private WebhookSender.Outcome listed(Alert alert) {
        try {
            lists.push(key(alert.organization()), alert.id(), alert.receivedAt(), LISTED);
        } catch (MongoWriteException e) {
            return new WebhookSender.Outcome(0, e.getMessage(), null);
        }
        emit(alert);
        return new WebhookSender.Outcome(200, null, null);
    }

    /** The organization's latest alerts, newest first. */
    public List<Alert> list(String organization, int limit) {
        List<String> ids = lists.latest(List.of(key(organization))).stream().map(KeyedIds.Entry::id).toList();
        return byIds(ids.subList(Math.max(0, ids.size() - limit), ids.size())).reversed();
    }

    public boolean acknowledge(String organization, String id) {
        Document alert = alerts.find(Filters.eq("_id", id)).projection(new Document("organization", 1)).first();
        if (alert == null || !organization.equals(alert.getString("organization"))) {
            return false;
        }
        alerts.updateOne(Filters.eq("_id", id),
                Updates.combine(Updates.set("acknowledged", true), Updates.set("acknowledgedAt", Date.from(Instant.now()))));
        return true;
    }

    private synchronized void emit(Alert alert) {
        if (emitted.putIfAbsent(alert.id(), alert.receivedAt()) == null) {
            live.tryEmitNext(alert);
        }
    }

    /** Emits the alerts other instances added lately to the organizations listened to; nothing while no one listens. */
    @Scheduled(fixedDelayString = "${datacollab.inbox.poll:PT1S}")
    public void pollRecent() {
        if (listened.isEmpty()) {
            emitted.clear();
            return;
        }
        Instant since = Instant.now().minus(OVERLAP);
        emitted.values().removeIf(at -> at.isBefore(since.minus(OVERLAP)));
        List<String> recent = lists.latest(listened.keySet().stream().map(Inbox::key).toList()).stream()
                .filter(e -> !e.at().isBefore(since) && !emitted.containsKey(e.id())).map(KeyedIds.Entry::id).toList();
        byIds(recent).forEach(this::emit);
    }

    public Flux<Alert> stream(String organization) {
        return live.asFlux().filter(a -> a.organization().equals(organization))
                .doOnSubscribe(s -> listened.merge(organization, 1, Integer::sum))
                .doFinally(signal -> listened.computeIfPresent(organization, (o, n) -> n > 1 ? n - 1 : null));
    }

    /** The alerts by id, oldest first (ids whose alert has expired are left out). */
    private List<Alert> byIds(List<String> ids) {
        List<Alert> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            alerts.find(Filters.in("_id", ids)).forEach(d -> found.add(alert(d)));
        }
        found.sort(Comparator.comparing(Alert::receivedAt));
        return found;
    }

    private static String key(String organization) {
        return "organization:" + organization;
    }

    private static Alert alert(Document d) {
        return new Alert(d.getString("_id"), d.getString("organization"), d.getString("ref"), d.getString("type"),
                d.getString("payload"), d.getDate("receivedAt").toInstant(), Boolean.TRUE.equals(d.getBoolean("acknowledged")));
    }
}
