package org.datacollab.assessment.risk;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.datacollab.security.Caller;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The keys by which assessments are found without a query on their fields: one document per day listing the
 * partnerships due for evaluation that day ({@code due:2026-12-01}), and one per partner, steward and
 * jurisdiction listing their partnerships ({@code partner:telco}, {@code steward:ngo}, {@code jurisdiction:NL}).
 * Each is read by {@code _id} (or {@code $in}), which MongoDB and the local stack's server answer from the index
 * alike; {@link #listed} and {@link #unlisted} keep them in step with every assessment saved. A cursor document remembers the
 * earliest day that may still hold due partnerships.
 */
final class AssessmentKeys {

    private static final String CURSOR = "cursor";
    private static final String REFS = "refs";
    /** Days read per query when the cursor lies far back (the job did not run for a long time). */
    private static final int DAYS_PER_READ = 366;

    private final MongoCollection<Document> keys;

    AssessmentKeys(MongoCollection<Document> keys) {
        this.keys = keys;
    }

    /** Whether the keys have been built for this generation (they are built once from its assessments). */
    boolean built() {
        return keys.find(Filters.eq("_id", CURSOR)).first() != null;
    }

    void markBuilt(LocalDate earliest) {
        keys.updateOne(Filters.eq("_id", CURSOR), Updates.set("day", earliest.toString()), new UpdateOptions().upsert(true));
    }

    /**
     * Lists a partnership under the keys its new assessment has and its stored one ({@code before}) has not; under all
     * of them when {@code again} (the same evaluation stored again: the retry of a save that may have stopped between
     * storing the assessment and listing it, as saves did when they stored first). Idempotent: each key is a set.
     */
    void listed(Document before, Document after, boolean again) {
        String ref = after.getString("_id");
        Set<String> was = again ? Set.of() : keysOf(before);
        for (String key : keysOf(after)) {
            if (!was.contains(key)) {
                keys.updateOne(Filters.eq("_id", key), Updates.addToSet(REFS, ref), new UpdateOptions().upsert(true));
            }
        }
    }

    /** Takes a partnership off the keys its previous assessment had and its new one has not (after it is stored). */
    void unlisted(Document before, Document after) {
        String ref = after.getString("_id");
        Set<String> is = keysOf(after);
        for (String key : keysOf(before)) {
            if (!is.contains(key)) {
                keys.updateOne(Filters.eq("_id", key), Updates.pull(REFS, ref));
            }
        }
    }

    /**
     * The partnerships due on each day from the cursor up to {@code day}, by day; the cursor moves on to the
     * first of those days that still holds any (or to {@code day} when none does).
     */
    TreeMap<LocalDate, List<String>> dueBy(LocalDate day) {
        Document cursor = keys.find(Filters.eq("_id", CURSOR)).first();
        LocalDate from = cursor == null || cursor.getString("day") == null ? day : LocalDate.parse(cursor.getString("day"));
        TreeMap<LocalDate, List<String>> due = new TreeMap<>();
        for (LocalDate start = from; !start.isAfter(day); start = start.plusDays(DAYS_PER_READ)) {
            List<String> ids = start.datesUntil(min(day, start.plusDays(DAYS_PER_READ - 1)).plusDays(1)).map(d -> "due:" + d).toList();
            keys.find(Filters.in("_id", ids)).forEach(d -> {
                List<String> refs = d.getList(REFS, String.class, List.of());
                if (!refs.isEmpty()) {
                    due.put(LocalDate.parse(d.getString("_id").substring(4)), refs);
                }
            });
        }
        LocalDate next = due.isEmpty() ? day : due.firstKey();
        if (!next.equals(from)) {
            keys.updateOne(Filters.eq("_id", CURSOR), Updates.set("day", next.toString()), new UpdateOptions().upsert(true));
        }
        return due;
    }

    /** The partnerships the caller may see by its organization (partner or steward) and jurisdictions. */
    List<String> visibleTo(Caller caller) {
        List<String> ids = new ArrayList<>();
        if (caller.organization() != null) {
            ids.add("partner:" + caller.organization());
            ids.add("steward:" + caller.organization());
        }
        caller.jurisdictions().forEach(j -> ids.add("jurisdiction:" + j));
        return refs(ids);
    }

    /** The partnerships listed under these keys. */
    List<String> refs(List<String> ids) {
        Set<String> refs = new LinkedHashSet<>();
        if (!ids.isEmpty()) {
            keys.find(Filters.in("_id", ids)).forEach(d -> refs.addAll(d.getList(REFS, String.class, List.of())));
        }
        return List.copyOf(refs);
    }

    private static Set<String> keysOf(Document assessment) {
        Set<String> keys = new LinkedHashSet<>();
        if (assessment == null) {
            return keys;
        }
        assessment.getList("partners", String.class, List.of()).forEach(p -> keys.add("partner:" + p));
        if (assessment.getString("steward") != null) {
            keys.add("steward:" + assessment.getString("steward"));
        }
        if (assessment.getString("jurisdiction") != null) {
            keys.add("jurisdiction:" + assessment.getString("jurisdiction"));
        }
        if (assessment.getString("nextEvaluationOn") != null) {
            keys.add("due:" + assessment.getString("nextEvaluationOn"));
        }
        return keys;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
