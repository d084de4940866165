package org.datacollab.assessment.risk;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import java.util.function.BiFunction;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.datacollab.assessment.projection.Generations;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import com.mongodb.client.MongoDatabase;
import java.time.ZoneOffset;
import java.util.Comparator;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.security.Caller;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The current assessment of each partnership (what portfolios list: phase, level, score, signals), the level
 * last announced on {@code sustainability-risks}, and the day on which it must be evaluated again. Read by
 * {@code _id} only: the due partnerships and portfolios through {@link AssessmentKeys}, kept with every save.
 */
@Component
public class AssessmentStore {

    /**
     * What is known of a partnership's announcements: the level last announced, and a change being announced
     * ({@code pendingChangeId}, to {@code pendingTo}) when an evaluation published it and did not live to store
     * its outcome: the next evaluation that finds the same change publishes it under the same id.
     */
    public record Current(String ref, RiskLevel announcedLevel, LocalDate nextEvaluationOn, String pendingChangeId, RiskLevel pendingTo) {
    }

    private final MongoDatabase db;
    private volatile MongoCollection<Document> assessments;
    private volatile AssessmentKeys keys;

    @Autowired
    public AssessmentStore(Generations generations) {
        this(generations.database(), generations.active());
    }

    /** The store of one generation (a rebuild writes the next one). */
    public AssessmentStore(MongoDatabase db, int generation) {
        this.db = db;
        use(generation);
    }

    /**
     * Serves from another generation of collections from now on. Its keys are built from its assessments the
     * first time (a generation written before the keys existed is read whole, once).
     */
    public final void use(int generation) {
        MongoCollection<Document> next = db.getCollection(Generations.name("assessments", generation));
        // what a fenced write compares and sets (the version stored), so that its filter is a key lookup
        next.createIndex(Indexes.ascending("_id", EVALUATED_SEQUENCE, EVALUATED_ON), new IndexOptions().unique(true).name("version"));
        AssessmentKeys nextKeys = new AssessmentKeys(db.getCollection(Generations.name("assessment_keys", generation)));
        if (!nextKeys.built()) {
            LocalDate earliest = LocalDate.now(ZoneOffset.UTC);
            for (Document assessment : next.find()) {
                nextKeys.listed(null, assessment, false);
                String day = assessment.getString("nextEvaluationOn");
                if (day != null && LocalDate.parse(day).isBefore(earliest)) {
                    earliest = LocalDate.parse(day);
                }
            }
            nextKeys.markBuilt(earliest);
        }
        this.assessments = next;
        this.keys = nextKeys;
    }

    public Optional<Current> find(String ref) {
        Document doc = assessments.find(Filters.eq("_id", ref)).first();
        if (doc == null) {
            return Optional.empty();
        }
        String next = doc.getString("nextEvaluationOn");
        String pendingTo = doc.getString("pendingTo");
        // no level announced yet: the first evaluation noted its change (announcing) and did not live to store its
        // outcome, e.g. Kafka refused the publication; nothing has been announced, and the retry announces the change
        String announced = doc.getString("announcedLevel");
        return Optional.of(new Current(ref, announced == null ? RiskLevel.NONE : RiskLevel.valueOf(announced),
                next == null ? null : LocalDate.parse(next), doc.getString("pendingChangeId"),
                pendingTo == null ? null : RiskLevel.valueOf(pendingTo)));
    }

    /**
     * What an evaluation read: the partnership's last fact (its sequence number) and the day. Evaluations are pure
     * functions of both, so a later version is never older knowledge; each write carries its version and is refused
     * when a later one is stored (an instance that paused mid-evaluation and woke up, a re-evaluation by an instance
     * that no longer holds the time job's lease): the fence is in the data, whoever writes.
     */
    public record Version(long lastSequence, LocalDate day) {
    }

    private static final String EVALUATED_SEQUENCE = "evaluatedSequence";
    private static final String EVALUATED_ON = "evaluatedOn";

    /**
     * Notes the change about to be published, before it is; {@link #save} forgets it once the outcome is stored. False
     * (nothing noted, nothing to publish) when a later evaluation is stored.
     */
    public boolean announcing(String ref, String changeId, RiskLevel to, Version version) {
        return fenced(ref, version, (read, stored) -> {
            if (stored == null) {
                return inserted(new Document("_id", ref).append("pendingChangeId", changeId).append("pendingTo", to.name())
                        .append(EVALUATED_SEQUENCE, version.lastSequence()).append(EVALUATED_ON, version.day().toString())) != null;
            }
            return assessments.updateOne(stored, Updates.combine(Updates.set("pendingChangeId", changeId), Updates.set("pendingTo", to.name()),
                    Updates.set(EVALUATED_SEQUENCE, version.lastSequence()), Updates.set(EVALUATED_ON, version.day().toString())))
                    .getMatchedCount() == 1;
        });
    }

    /**
     * Stores the assessment (what portfolios list), the level announced and the next day to evaluate it; false, storing
     * nothing, when a later evaluation is stored.
     */
    public boolean save(Assessment assessment, RiskLevel announced, LocalDate nextEvaluationOn, String name, String jurisdiction,
                        String steward, Version version) {
        Document doc = new Document("_id", assessment.ref())
                .append("name", name)
                .append("jurisdiction", jurisdiction)
                .append("partners", assessment.partners())
                .append("steward", steward)
                .append("phase", assessment.phase().name())
                .append("level", assessment.level().name())
                .append("score", assessment.score())
                .append("signals", assessment.signals().stream().map(ActiveSignal::name).toList())
                .append("asOf", assessment.asOf().toString())
                .append("announcedLevel", announced.name())
                .append("nextEvaluationOn", nextEvaluationOn == null ? null : nextEvaluationOn.toString())
                .append(EVALUATED_SEQUENCE, version.lastSequence())
                .append(EVALUATED_ON, version.day().toString());
        return fenced(assessment.ref(), version, (stored, expected) -> {
            // listed before it is stored: a stop in between leaves it listed where it is not yet (a reader passes it
            // over), never stored where it is not listed (no portfolio would show it, no time job find its day)
            keys.listed(stored, doc, stored != null && same(stored, version));
            Document before = expected == null ? inserted(doc) : assessments.findOneAndReplace(expected, doc,
                    new FindOneAndReplaceOptions().returnDocument(ReturnDocument.BEFORE));
            if (before == null) {
                return false;
            }
            keys.unlisted(expected == null ? null : before, doc);
            return true;
        });
    }

    /**
     * A compare-and-set on the stored version: reads it (by {@code _id}), refuses when it is later than this one, and
     * writes only if it is still the one read, a filter on all fields of the unique index {@code version} (a key lookup
     * on every server); another writer in between makes it read again. {@code write} is given that filter, or null
     * when nothing is stored yet (it inserts), and answers whether it wrote.
     */
    private boolean fenced(String ref, Version version, BiFunction<Document, Document, Boolean> write) {
        while (true) {
            Document stored = assessments.find(Filters.eq("_id", ref)).projection(Projections.include(EVALUATED_SEQUENCE, EVALUATED_ON,
                    "partners", "steward", "jurisdiction", "nextEvaluationOn")).first();
            if (stored != null && later(stored, version)) {
                return false;
            }
            Document expected = stored == null ? null : new Document("_id", ref)
                    .append(EVALUATED_SEQUENCE, stored.get(EVALUATED_SEQUENCE)).append(EVALUATED_ON, stored.get(EVALUATED_ON));
            if (write.apply(stored, expected)) {
                return true;
            }
        }
    }

    /** Whether the stored evaluation is this one (the same facts, the same day): this save is its retry. */
    private static boolean same(Document stored, Version version) {
        Object sequence = stored.get(EVALUATED_SEQUENCE);
        return sequence != null && ((Number) sequence).longValue() == version.lastSequence()
                && version.day().toString().equals(stored.getString(EVALUATED_ON));
    }

    /** Whether the stored evaluation read later facts, or the same ones on a later day. */
    private static boolean later(Document stored, Version version) {
        Long sequence = stored.get(EVALUATED_SEQUENCE) == null ? null : ((Number) stored.get(EVALUATED_SEQUENCE)).longValue();
        if (sequence == null) {
            return false;
        }
        return sequence > version.lastSequence()
                || sequence == version.lastSequence() && stored.getString(EVALUATED_ON).compareTo(version.day().toString()) > 0;
    }

    /** The document inserted (an empty one stands for "nothing was there before"), or null when another writer was first. */
    private Document inserted(Document doc) {
        try {
            assessments.insertOne(doc);
            return new Document();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return null;
            }
            throw e;
        }
    }

    /** Current assessments of the partnerships an organization is a partner of, or in a jurisdiction, by score. */
    public List<Document> portfolio(String organization, String jurisdiction) {
        // a key may list a partnership that its assessment no longer names (a save that stopped before unlisting it)
        return byScore(keys.refs(List.of(organization != null ? "partner:" + organization : "jurisdiction:" + jurisdiction))).stream()
                .filter(d -> organization != null ? d.getList("partners", String.class, List.of()).contains(organization)
                        : jurisdiction.equals(d.getString("jurisdiction")))
                .toList();
    }

    /** Current assessments of the partnerships the caller may see (not an administrator: see {@link #all}), by score. */
    public List<Document> visibleTo(Caller caller) {
        return byScore(keys.visibleTo(caller));
    }

    private List<Document> byScore(List<String> refs) {
        List<Document> found = new ArrayList<>();
        if (!refs.isEmpty()) {
            assessments.find(Filters.in("_id", refs)).forEach(found::add);
        }
        found.sort(Comparator.comparing((Document d) -> -d.getInteger("score", 0)).thenComparing(d -> d.getString("_id")));
        return found;
    }

    /** Whether the caller may see the partnership (its current assessment names partners, steward, jurisdiction). */
    public boolean visible(String ref, Caller caller) {
        if (caller.isAdmin()) {
            return true;
        }
        Document doc = assessments.find(Filters.eq("_id", ref)).first();
        return doc != null && visible(doc, caller);
    }

    public static boolean visible(Document doc, Caller caller) {
        return caller.maySee(doc.getList("partners", String.class), doc.getString("steward"), doc.getString("jurisdiction"));
    }

    /** Every current assessment, by score (highest first): an administrator's portfolio, which reads everything by nature. */
    public List<Document> all() {
        List<Document> found = new ArrayList<>();
        assessments.find().sort(new Document("score", -1).append("_id", 1)).forEach(found::add);
        return found;
    }

    /** Every partnership's current level, for statistics (which read everything by nature). */
    public List<Document> levels() {
        List<Document> found = new ArrayList<>();
        assessments.find().projection(new Document("level", 1).append("phase", 1).append("partners", 1).append("steward", 1)
                .append("jurisdiction", 1)).forEach(found::add);
        return found;
    }

    /** The partnerships whose next computable day has come, read from the days' keys (the cursor moves on). */
    public List<String> due(LocalDate today) {
        List<String> refs = new ArrayList<>();
        keys.dueBy(today).values().forEach(refs::addAll);
        return refs;
    }
}
