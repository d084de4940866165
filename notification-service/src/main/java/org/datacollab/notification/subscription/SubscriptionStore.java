package org.datacollab.notification.subscription;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.notification.keys.KeyedIds;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Subscriptions in MongoDB. Matching reads only those listed under the partnership, a partner's portfolio or
 * the jurisdiction ({@link KeyedIds}: {@code partnership:<ref>}, {@code portfolio:<org>},
 * {@code jurisdiction:<code>}, and {@code organization:<org>} for an organization's own), then those by
 * {@code _id}: key lookups only, however many subscriptions there are.
 */
@Component
public class SubscriptionStore {

    private static final String BUILT = "built";

    private final MongoCollection<Document> subscriptions;
    private final KeyedIds keys;

    public SubscriptionStore(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.subscriptions = client.getDatabase(database).getCollection("subscriptions");
        this.keys = new KeyedIds(client.getDatabase(database).getCollection("subscription_keys"));
        if (!keys.has(BUILT)) {
            // subscriptions stored before their keys existed: listed once
            subscriptions.find().forEach(d -> keysOf(fromDocument(d)).forEach(key -> keys.add(key, d.getString("_id"))));
            keys.mark(BUILT);
        }
    }

    /**
     * Lists the subscription under its keys, then stores it: a stop in between leaves keys naming no subscription,
     * which every read passes over (it reads the listed ids' documents), and the client's retry saves another. Stored
     * first, it would have been shown under its organization and matched no change (not yet listed under its
     * partnership, portfolio or jurisdiction).
     */
    public void save(Subscription s) {
        keysOf(s).forEach(key -> keys.add(key, s.id()));
        subscriptions.insertOne(toDocument(s));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first()).map(SubscriptionStore::fromDocument);
    }

    public List<Subscription> byOrganization(String organization) {
        return byIds(keys.ids(List.of("organization:" + organization)));
    }

    public boolean delete(String id) {
        Optional<Subscription> existing = find(id);
        boolean deleted = subscriptions.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
        existing.ifPresent(s -> keysOf(s).forEach(key -> keys.remove(key, id)));
        return deleted;
    }

    /** Candidates for a change of {@code ref} with these partners and jurisdiction; {@link Subscription#matches} decides. */
    public List<Subscription> candidates(String ref, List<String> organizations, String jurisdiction) {
        List<String> keyList = new ArrayList<>();
        keyList.add("partnership:" + ref);
        organizations.forEach(o -> keyList.add("portfolio:" + o));
        if (jurisdiction != null) {
            keyList.add("jurisdiction:" + jurisdiction);
        }
        return byIds(keys.ids(keyList));
    }

    private List<Subscription> byIds(List<String> ids) {
        List<Subscription> found = new ArrayList<>();
        if (!ids.isEmpty()) {
            subscriptions.find(Filters.in("_id", ids)).forEach(d -> found.add(fromDocument(d)));
        }
        return found;
    }

    private static List<String> keysOf(Subscription s) {
        List<String> keyList = new ArrayList<>();
        keyList.add("organization:" + s.organization());
        if (s.partnerships() != null) {
            s.partnerships().forEach(ref -> keyList.add("partnership:" + ref));
        }
        if (s.portfolioOf() != null) {
            keyList.add("portfolio:" + s.portfolioOf());
        }
        if (s.jurisdiction() != null) {
            keyList.add("jurisdiction:" + s.jurisdiction());
        }
        return keyList;
    }

    private static Document toDocument(Subscription s) {
        Document doc = new Document("_id", s.id())
                .append("organization", s.organization())
                .append("contact", s.contact())
                .append("partnerships", s.partnerships())
                .append("portfolioOf", s.portfolioOf())
                .append("jurisdiction", s.jurisdiction())
                .append("minimumLevel", s.minimumLevel().name())
                .append("signals", s.signals());
        doc.append("email", s.email()).append("inApp", s.inApp()).append("seenJurisdictions", s.seenJurisdictions());
        if (s.webhook() != null) {
            doc.append("webhook", new Document("url", s.webhook().url()).append("secret", s.webhook().secret()));
        }
        return doc;
    }

    private static Subscription fromDocument(Document d) {
        Document webhook = d.get("webhook", Document.class);
        return new Subscription(d.getString("_id"), d.getString("organization"), d.getString("contact"),
                d.getList("partnerships", String.class), d.getString("portfolioOf"), d.getString("jurisdiction"),
                RiskLevel.valueOf(d.getString("minimumLevel")), d.getList("signals", String.class),
                webhook == null ? null : new Subscription.Webhook(webhook.getString("url"), webhook.getString("secret")),
                d.getString("email"), Boolean.TRUE.equals(d.getBoolean("inApp")),
                d.getList("seenJurisdictions", String.class) == null ? List.of() : d.getList("seenJurisdictions", String.class));
    }
}
