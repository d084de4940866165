package org.datacollab.assessment.projection;

import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.contracts.json.ContractJson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Each partnership's facts as the assessment received them, one document per fact keyed by
 * (ref, sequence number), so that a redelivered event is a duplicate key and changes nothing. The
 * partnership's document records the last applied sequence number, which reveals gaps.
 */
@Component
public class HistoryStore {

    private final MongoDatabase db;
    private volatile MongoCollection<Document> facts;
    private volatile MongoCollection<Document> partnerships;
    private volatile int generation;

    @Autowired
    public HistoryStore(Generations generations) {
        this(generations.database(), generations.active());
    }

    /** The store of one generation (a rebuild writes the next one). */
    public HistoryStore(MongoDatabase db, int generation) {
        this.db = db;
        use(generation);
    }

    /** Serves from another generation of collections from now on. */
    public final void use(int generation) {
        MongoCollection<Document> nextFacts = db.getCollection(Generations.name("facts", generation));
        nextFacts.createIndex(Indexes.ascending("ref", "sequenceNumber"), new IndexOptions().unique(true));
        this.partnerships = db.getCollection(Generations.name("partnership_sequences", generation));
        this.facts = nextFacts;
        this.generation = generation;
    }

    public int generation() {
        return generation;
    }

    /** The last sequence number applied for the partnership, if any. */
    public OptionalLong lastSequence(String ref) {
        Document doc = partnerships.find(Filters.eq("_id", ref)).first();
        return doc == null ? OptionalLong.empty() : OptionalLong.of(doc.getLong("lastSequence"));
    }

    /**
     * Stores one partnership's facts, which follow on its last applied sequence number without a gap, in one
     * write; facts already there (a redelivery) are left as they are.
     */
    public void appendAll(String ref, List<RecordedFact> recorded) {
        if (recorded.isEmpty()) {
            return;
        }
        List<Document> documents = recorded.stream().map(HistoryStore::document).toList();
        try {
            facts.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) != ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
        }
        RecordedFact first = recorded.getFirst();
        var update = first.sequenceNumber() == 0 && first.recordedBy() != null
                ? Updates.combine(Updates.max("lastSequence", recorded.getLast().sequenceNumber()), Updates.set("steward", first.recordedBy()))
                : Updates.max("lastSequence", recorded.getLast().sequenceNumber());
        partnerships.updateOne(Filters.eq("_id", ref), update, new UpdateOptions().upsert(true));
    }

    private static Document document(RecordedFact recorded) {
        return new Document("_id", recorded.ref() + "#" + recorded.sequenceNumber())
                .append("ref", recorded.ref())
                .append("sequenceNumber", recorded.sequenceNumber())
                .append("eventId", recorded.eventId())
                .append("recordedAt", recorded.recordedAt().toString())
                .append("fact", ContractJson.factToJson(recorded.fact()).toString());
    }

    /**
     * The partnership's facts in recording order: read by their ids (ref#0 .. ref#last), which every MongoDB
     * server answers from the _id index (a query on ref alone would need the compound index's prefix, which
     * the local stack's MongoDB-protocol server cannot use: it would scan every fact of every partnership).
     */
    public List<PartnershipFact> history(String ref) {
        OptionalLong last = lastSequence(ref);
        if (last.isEmpty()) {
            return List.of();
        }
        List<String> ids = LongStream.rangeClosed(0, last.getAsLong()).mapToObj(n -> ref + "#" + n).toList();
        SortedMap<Long, PartnershipFact> bySequence = new TreeMap<>();
        for (Document doc : facts.find(Filters.in("_id", ids))) {
            bySequence.put(doc.getLong("sequenceNumber"), read(doc.getString("fact")));
        }
        return new ArrayList<>(bySequence.values());
    }

    /** The organization that formed or imported the partnership (the recorder of PartnershipFormed), if known. */
    public String steward(String ref) {
        Document doc = partnerships.find(Filters.eq("_id", ref)).first();
        return doc == null ? null : doc.getString("steward");
    }

    /** Every partnership the projection knows. */
    public List<String> refs() {
        List<String> refs = new ArrayList<>();
        partnerships.find().projection(new Document("_id", 1)).forEach(d -> refs.add(d.getString("_id")));
        return refs;
    }

    private static PartnershipFact read(String json) {
        try {
            var node = ContractJson.mapper().readTree(json);
            return ContractJson.factFromJson(node.get(ContractJson.FACT_FIELD).asText(), node);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable stored fact: " + json, e);
        }
    }
}
