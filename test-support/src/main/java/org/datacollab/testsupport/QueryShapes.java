package org.datacollab.testsupport;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a query is a key lookup, which MongoDB answers from an index and so does the local stack's
 * MongoDB-protocol server (which uses an index only for these): {@code {_id: v}}, {@code {_id: {$in: [...]}}},
 * or equality on exactly the fields of one of the collection's unique indexes. Anything else (a range, an
 * {@code $or}, a field without its unique index, an aggregation) reads the whole collection on that server.
 */
public final class QueryShapes {

    private final Map<String, List<Set<String>>> uniqueKeys;
    private final Set<String> exempt;

    /**
     * @param uniqueKeys the unique indexes (their fields) of each collection, besides {@code _id}
     * @param exempt     collections whose queries are not checked (say why where this is used)
     */
    public QueryShapes(Map<String, List<Set<String>>> uniqueKeys, Set<String> exempt) {
        this.uniqueKeys = uniqueKeys;
        this.exempt = exempt;
    }

    /** The queries that are not key lookups, each with its reason. */
    public List<String> violations(List<RecordedQueries.Query> queries) {
        List<String> violations = new ArrayList<>();
        for (RecordedQueries.Query query : queries) {
            if (!exempt.contains(base(query.collection())) && !isKeyLookup(query)) {
                violations.add(query.toString());
            }
        }
        return violations;
    }

    private boolean isKeyLookup(RecordedQueries.Query query) {
        BsonDocument filter = query.filter();
        if (filter.keySet().equals(Set.of("_id"))) {
            BsonValue key = filter.get("_id");
            return !key.isDocument() || isIn(key.asDocument());
        }
        return !filter.isEmpty() && uniqueKeys.getOrDefault(base(query.collection()), List.of()).contains(filter.keySet())
                && filter.values().stream().noneMatch(value -> value.isDocument() || value.isArray());
    }

    /** A collection's name without its generation ({@code assessments_g1} is {@code assessments}: a rebuild's next one). */
    private static String base(String collection) {
        return collection.replaceFirst("_g\\d+$", "");
    }

    private static boolean isIn(BsonDocument condition) {
        return condition.keySet().equals(Set.of("$in")) && condition.get("$in").isArray();
    }
}
