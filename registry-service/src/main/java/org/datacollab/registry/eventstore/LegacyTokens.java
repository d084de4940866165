package org.datacollab.registry.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Moves the tokens of tracking processors ({@code trackingtokens}, axon-mongo's token store) from the old
 * time-based form to positions. An old token at time t had read every commit stamped before t minus the
 * look-back (1 s) and some after; its new position is the first commit (in migration order) stamped at or after
 * that bound, so nothing it had not read is passed; the few it had read in the window are published again,
 * which consumers recognise by (ref, sequence number).
 */
final class LegacyTokens {

    /** The look-back of the old tokens (axon-mongo's default, which this registry used). */
    static final Duration LOOK_BACK = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(LegacyTokens.class);

    /** A migrated commit: its position and the time of its first event. */
    record Stamp(long position, Instant time) {
    }

    private final MongoCollection<Document> tokens;
    private final Serializer serializer;

    LegacyTokens(MongoCollection<Document> tokens, Serializer serializer) {
        this.tokens = tokens;
        this.serializer = serializer;
    }

    /** Converts every old token; {@code stamps} in position order, {@code head} the last position given. */
    void convert(List<Stamp> stamps, long head) {
        for (Document entry : tokens.find(Filters.exists("processorName"))) {
            Binary data = entry.get("token", Binary.class);
            String type = entry.getString("tokenType");
            if (data == null || type == null || !type.equals(MongoTrackingToken.class.getName()) && !isWrapper(type)) {
                continue;
            }
            TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(data.getData(), byte[].class, type, null));
            TrackingToken lower = WrappedToken.unwrapLowerBound(token);
            if (!(lower instanceof MongoTrackingToken old)) {
                continue;
            }
            CommitToken converted = CommitToken.before(firstAtOrAfter(stamps, old.getTimestamp().minus(LOOK_BACK), head + 1));
            SerializedObject<byte[]> serialized = serializer.serialize(converted, byte[].class);
            tokens.updateOne(Filters.eq("_id", entry.get("_id")), Updates.combine(
                    Updates.set("token", new Binary(serialized.getData())),
                    Updates.set("tokenType", serialized.getType().getName())));
            log.info("token of {} segment {} moved from {} to {}", entry.get("processorName"), entry.get("segment"), token, converted);
        }
    }

    private static boolean isWrapper(String type) {
        return type.startsWith("org.axonframework.eventhandling.") && type.endsWith("ReplayToken");
    }

    /** The position of the first stamp at or after the time ({@code none} when there is none). */
    static long firstAtOrAfter(List<Stamp> stamps, Instant time, long none) {
        int low = 0;
        int high = stamps.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (stamps.get(middle).time().isBefore(time)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low < stamps.size() ? stamps.get(low).position() : none;
    }
}
