package org.datacollab.testsupport;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What counts as a key lookup, and what would read a whole collection on the local stack's server. */
class QueryShapesTest {

    private final QueryShapes shapes = new QueryShapes(Map.of("commits", List.of(Set.of("aggregate", "first"))), Set.of("tokens"));

    private List<String> violations(String collection, String filter) {
        return shapes.violations(List.of(new RecordedQueries.Query("db", "find", collection, BsonDocument.parse(filter))));
    }

    @Test
    void keysAndUniqueKeysAreLookups() {
        assertThat(violations("commits", "{_id: 5}")).isEmpty();
        assertThat(violations("commits", "{_id: {$in: [1, 2, 3]}}")).isEmpty();
        assertThat(violations("commits", "{aggregate: 'a', first: 3}")).isEmpty();
        assertThat(violations("tokens", "{processorName: 'p', $or: [{owner: null}]}")).as("exempt").isEmpty();
    }

    @Test
    void anythingElseReadsTheCollection() {
        assertThat(violations("commits", "{}")).hasSize(1);
        assertThat(violations("commits", "{aggregate: 'a'}")).as("part of a unique key").hasSize(1);
        assertThat(violations("commits", "{_id: 5, state: 'x'}")).as("a key with another condition").hasSize(1);
        assertThat(violations("commits", "{_id: {$gte: 5}}")).as("a range").hasSize(1);
        assertThat(violations("commits", "{aggregate: 'a', first: {$gt: 3}}")).hasSize(1);
        assertThat(violations("other", "{aggregate: 'a', first: 3}")).as("no such unique index there").hasSize(1);
        assertThat(violations("commits", "{$or: [{_id: 1}, {_id: 2}]}")).hasSize(1);
    }
}
