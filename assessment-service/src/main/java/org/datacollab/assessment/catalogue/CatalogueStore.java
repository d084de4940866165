package org.datacollab.assessment.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.assessment.projection.Generations;
import org.datacollab.catalogue.CatalogueEntry;
import org.datacollab.contracts.json.ContractJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;

/**
 * The catalogue projection in MongoDB: one entry per partnership, written whenever its evaluation changes it,
 * and a numbered log of those changes, each carrying the new entry ({@code _id} = 1, 2, 3, ... from a counter
 * advanced atomically), that every instance follows to keep its in-memory index current. The change is logged
 * before the entry is stored: an evaluation that fails between the two is retried (its Kafka batch is delivered
 * again) and, finding the stored entry still different, logs it again. Everything is read by {@code _id}, which
 * every MongoDB server answers from its index (the local stack's server scans on any other field).
 */
@Component
public class CatalogueStore {

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> changes;
    private final MongoCollection<Document> counters;

    public CatalogueStore(Generations generations) {
        var db = generations.database();
        this.entries = db.getCollection("catalogue_entries");
        this.changes = db.getCollection("catalogue_changes");
        this.counters = db.getCollection("catalogue_counters");
        // the counter exists before anyone advances it: two first upserts at once would collide on its _id
        try {
            counters.updateOne(Filters.eq("_id", COUNTER), Updates.setOnInsert("n", 0L), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private static final String COUNTER = "changes";

    /** Logs the entry and stores it, if it differs from the one stored. */
    public void save(CatalogueEntry entry) {
        String json = write(entry);
        Document stored = entries.find(Filters.eq("_id", entry.ref())).first();
        if (stored != null && json.equals(stored.getString("entry"))) {
            return;
        }
        Document counter = counters.findOneAndUpdate(Filters.eq("_id", COUNTER), Updates.inc("n", 1L),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        changes.insertOne(new Document("_id", ((Number) counter.get("n")).longValue()).append("ref", entry.ref()).append("entry", json));
        entries.replaceOne(Filters.eq("_id", entry.ref()), new Document("_id", entry.ref()).append("entry", json),
                new ReplaceOptions().upsert(true));
    }

    /** The number of the latest change logged (0 when none). */
    public long position() {
        Document counter = counters.find(Filters.eq("_id", COUNTER)).first();
        return counter == null ? 0 : ((Number) counter.get("n")).longValue();
    }

    /** The changes numbered {@code from} to {@code from + count - 1} that are logged: number to the entry it logged. */
    public Map<Long, CatalogueEntry> changes(long from, int count) {
        List<Long> ids = LongStream.range(from, from + count).boxed().toList();
        Map<Long, CatalogueEntry> found = new TreeMap<>();
        changes.find(Filters.in("_id", ids)).forEach(d -> found.put(((Number) d.get("_id")).longValue(), read(d.getString("entry"))));
        return found;
    }

    public List<CatalogueEntry> all() {
        List<CatalogueEntry> all = new ArrayList<>();
        entries.find().forEach(d -> all.add(read(d.getString("entry"))));
        return all;
    }

    private static String write(CatalogueEntry entry) {
        try {
            return ContractJson.mapper().writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the catalogue entry of " + entry.ref(), e);
        }
    }

    private static CatalogueEntry read(String json) {
        try {
            return ContractJson.mapper().readValue(json, CatalogueEntry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable catalogue entry: " + json, e);
        }
    }
}
