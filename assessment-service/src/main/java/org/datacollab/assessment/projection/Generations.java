package org.datacollab.assessment.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Projections live in generations of collections: generation 0 is {@code facts}, {@code assessments}, ...;
 * generation n is {@code facts_g<n>}, ... A rebuild fills the next generation while the active one serves,
 * then makes it active. The active generation is recorded in MongoDB, so it survives restarts and every instance
 * follows it.
 */
@Component
public class Generations {

    private final MongoDatabase database;
    private final MongoCollection<Document> state;

    public Generations(MongoClient client, @Value("${spring.mongodb.database}") String database) {
        this.database = client.getDatabase(database);
        this.state = this.database.getCollection("projection_generations");
    }

    public MongoDatabase database() {
        return database;
    }

    public int active() {
        Document doc = state.find(Filters.eq("_id", "active")).first();
        return doc == null ? 0 : doc.getInteger("generation");
    }

    /**
     * A generation number no rebuild has used, on any instance (a counter in MongoDB, above the active generation):
     * two rebuilds started on two instances at once fill two generations, and the one that finishes last is served.
     */
    public int claimNext() {
        state.updateOne(Filters.eq("_id", "next"), Updates.max("generation", active()), new UpdateOptions().upsert(true));
        Document next = state.findOneAndUpdate(Filters.eq("_id", "next"), Updates.inc("generation", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return next.getInteger("generation");
    }

    /** Records the generation as active: every instance serves it from its next batch on (ServedGeneration). */
    public void activate(int generation) {
        state.replaceOne(Filters.eq("_id", "active"), new Document("_id", "active").append("generation", generation),
                new ReplaceOptions().upsert(true));
    }

    public static String name(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }
}
