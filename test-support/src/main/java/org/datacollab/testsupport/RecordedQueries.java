package org.datacollab.testsupport;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The queries a service sends to MongoDB, recorded by a driver {@link CommandListener}: every filter of a
 * find, update, delete, findAndModify, count or aggregate, with its collection. A test marks where a command or an
 * event begins, lets it run, and checks the shape of what was sent since ({@link QueryShapes}).
 * Register it with {@link #customizer()} as a bean of the service's test context.
 */
public final class RecordedQueries implements CommandListener {

    /** One filter sent to one collection by one command. */
    public record Query(String database, String command, String collection, BsonDocument filter) {
        @Override
        public String toString() {
            return command + " " + collection + " " + filter.toJson();
        }
    }

    private static final Map<String, String> FILTERS = Map.of("find", "filter", "findAndModify", "query", "count", "query",
            "distinct", "query");
    private static final Set<String> STATEMENTS = Set.of("update", "delete");

    private final List<Query> queries = new CopyOnWriteArrayList<>();

    public MongoClientSettingsBuilderCustomizer customizer() {
        return settings -> settings.addCommandListener(this);
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String name = event.getCommandName();
        BsonDocument command = event.getCommand();
        String collection = command.containsKey(name) && command.get(name).isString() ? command.getString(name).getValue() : "";
        if (FILTERS.containsKey(name)) {
            BsonValue filter = command.get(FILTERS.get(name));
            queries.add(new Query(event.getDatabaseName(), name, collection, filter == null ? new BsonDocument() : filter.asDocument().clone()));
        } else if (STATEMENTS.contains(name)) {
            BsonArray statements = command.getArray(name + "s", new BsonArray());
            for (BsonValue statement : statements) {
                queries.add(new Query(event.getDatabaseName(), name, collection, statement.asDocument().getDocument("q").clone()));
            }
        } else if (name.equals("aggregate")) {
            BsonDocument match = new BsonDocument("$aggregate", command.getArray("pipeline", new BsonArray()).clone());
            queries.add(new Query(event.getDatabaseName(), name, collection, match));
        }
    }

    /** Where the queries recorded from now on begin. */
    public int mark() {
        return queries.size();
    }

    /** The queries sent to the database since the mark. */
    public List<Query> since(int mark, String database) {
        List<Query> sent = new ArrayList<>();
        for (Query query : queries.subList(mark, queries.size())) {
            if (query.database().equals(database)) {
                sent.add(query);
            }
        }
        return sent;
    }
}
