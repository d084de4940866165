package org.datacollab.assessment.projection;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Projections live in generations of collections: generation 0 is {@code facts}, {@code assessments}, ...;
 * generation n is {@code facts_g<n>}, ... A rebuild fills the next generation while the active one serves,
 * then makes it active. The active generation is recorded in MongoDB, so it survives restarts.
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

    public void activate(int generation) {
        state.replaceOne(Filters.eq("_id", "active"), new Document("_id", "active").append("generation", generation),
                new ReplaceOptions().upsert(true));
    }

    public static String name(String base, int generation) {
        return generation == 0 ? base : base + "_g" + generation;
    }
}
