package org.datacollab.notification;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How long finished records are kept (docs/operations.md, Retention): MongoDB removes each by a TTL index once the
 * period has passed since the field that marks it finished. Unfinished records (a delivery still pending, an alert
 * not acknowledged, an escalation still waiting) lack that field and are never removed.
 *
 * @param deliveries         a delivered or failed delivery, with its payload and attempt log (from {@code finishedAt})
 * @param acknowledgedAlerts an acknowledged inbox alert (from {@code acknowledgedAt})
 * @param escalations        an acknowledged or escalated risk change awaiting nothing more (from {@code closedAt})
 */
@ConfigurationProperties("datacollab.retention")
public record Retention(@DefaultValue("P30D") Duration deliveries,
                        @DefaultValue("P90D") Duration acknowledgedAlerts,
                        @DefaultValue("P90D") Duration escalations) {

    /** MongoDB's code for an index that exists with other options (here: another period). */
    private static final int INDEX_OPTIONS_CONFLICT = 85;

    /**
     * A TTL index on the field, expiring documents {@code after} its date; a changed period replaces the index
     * (MongoDB refuses to create one of the same keys with another period).
     */
    public static void expireAfter(MongoCollection<Document> collection, String field, Duration after) {
        IndexOptions options = new IndexOptions().name(field + "_ttl").expireAfter(after.toSeconds(), TimeUnit.SECONDS);
        try {
            collection.createIndex(Indexes.ascending(field), options);
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != INDEX_OPTIONS_CONFLICT) {
                throw e;
            }
            collection.dropIndex(field + "_ttl");
            collection.createIndex(Indexes.ascending(field), options);
        }
    }
}
