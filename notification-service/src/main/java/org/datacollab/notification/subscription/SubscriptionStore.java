package org.datacollab.notification.subscription;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Subscriptions in MongoDB. Matching reads only those naming the partnership, a partner or its jurisdiction. */
@Component
public class SubscriptionStore {

    private final MongoCollection<Document> subscriptions;

    public SubscriptionStore(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.subscriptions = client.getDatabase(database).getCollection("subscriptions");
        subscriptions.createIndex(Indexes.ascending("partnerships"));
        subscriptions.createIndex(Indexes.ascending("portfolioOf"));
        subscriptions.createIndex(Indexes.ascending("jurisdiction"));
        subscriptions.createIndex(Indexes.ascending("organization"));
    }

    public void save(Subscription s) {
        subscriptions.insertOne(toDocument(s));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(Filters.eq("_id", id)).first()).map(SubscriptionStore::fromDocument);
    }

    public List<Subscription> byOrganization(String organization) {
        List<Subscription> found = new ArrayList<>();
        subscriptions.find(Filters.eq("organization", organization)).forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    public boolean delete(String id) {
        return subscriptions.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    /** Candidates for a change of {@code ref} with these partners and jurisdiction; {@link Subscription#matches} decides. */
    public List<Subscription> candidates(String ref, List<String> organizations, String jurisdiction) {
        List<Subscription> found = new ArrayList<>();
        var filter = Filters.or(Filters.eq("partnerships", ref), Filters.in("portfolioOf", organizations),
                Filters.eq("jurisdiction", jurisdiction == null ? "\u0000none" : jurisdiction));
        subscriptions.find(filter).forEach(d -> found.add(fromDocument(d)));
        return found;
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
