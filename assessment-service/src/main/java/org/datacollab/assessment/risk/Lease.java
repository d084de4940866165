package org.datacollab.assessment.risk;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.OptionalLong;

/**
 * A lease on one job of the cluster, in MongoDB: one document ({@code _id} the job's name) naming its holder, until when
 * it holds, and its epoch, which grows by one each time another holder takes it. The holder renews it each time it
 * runs; another instance takes it only once it has lapsed. A holder that paused past its lease wakes up believing it
 * still holds it: {@link #holds} asks again, and the writes of the job are fenced besides (an evaluation's version).
 * Expiry compares the holder's stamp with the taker's clock: clocks that disagree by seconds move a takeover by seconds.
 */
final class Lease {

    private final MongoCollection<Document> leases;
    private final String job;
    private final String holder;

    Lease(MongoCollection<Document> leases, String job, String holder) {
        this.leases = leases;
        this.job = job;
        this.holder = holder;
        // the renewal and the takeover are compare-and-sets on (_id, holder) and (_id, expiresAt): unique indexes on
        // both make them key lookups on the local stack's server too, which uses an index only for an exact key
        leases.createIndex(Indexes.ascending("_id", "holder"), new IndexOptions().unique(true).name("holder"));
        leases.createIndex(Indexes.ascending("_id", "expiresAt"), new IndexOptions().unique(true).name("expiry"));
    }

    String holder() {
        return holder;
    }

    /** The epoch under which this instance holds the lease until {@code now + duration}, or empty when another holds it. */
    OptionalLong acquire(Instant now, Duration duration) {
        Date until = Date.from(now.plus(duration));
        Document renewed = leases.findOneAndUpdate(new Document("_id", job).append("holder", holder),
                Updates.set("expiresAt", until), new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (renewed != null) {
            return OptionalLong.of(renewed.getLong("epoch"));
        }
        Document lease = leases.find(Filters.eq("_id", job)).first();
        if (lease != null) {
            Date expires = lease.getDate("expiresAt");
            if (expires.toInstant().isAfter(now)) {
                return OptionalLong.empty();
            }
            // taken only if no one renewed or took it since it was read: both set expiresAt
            Document taken = leases.findOneAndUpdate(new Document("_id", job).append("expiresAt", expires),
                    Updates.combine(Updates.set("holder", holder), Updates.set("expiresAt", until), Updates.inc("epoch", 1L)),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            return taken == null ? OptionalLong.empty() : OptionalLong.of(taken.getLong("epoch"));
        }
        try {
            leases.insertOne(new Document("_id", job).append("holder", holder).append("expiresAt", until).append("epoch", 1L));
            return OptionalLong.of(1L);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** Whether this instance still holds the lease under that epoch, by its own clock. */
    boolean holds(long epoch, Instant now) {
        Document lease = leases.find(Filters.eq("_id", job)).first();
        return lease != null && holder.equals(lease.getString("holder")) && lease.getLong("epoch") == epoch
                && lease.getDate("expiresAt").toInstant().isAfter(now);
    }
}
