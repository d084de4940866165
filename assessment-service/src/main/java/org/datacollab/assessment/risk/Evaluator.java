package org.datacollab.assessment.risk;

import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.assessment.catalogue.CatalogueStore;
import org.datacollab.assessment.projection.HistoryStore;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.assessment.rules.Assessor;
import org.datacollab.catalogue.CatalogueEntries;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Evaluates a partnership as of today and stores the result; two intents, two methods: {@link #evaluate} for the
 * served generation, announcing a change of the current level, and {@link #rebuild} for a generation being filled,
 * announcing nothing. A change is published (and acknowledged) before the new level is stored as announced: a crash
 * in between announces it again with the same deterministic id, which subscribers de-duplicate; nothing is lost.
 */
@Component
public class Evaluator {

    private static final Logger log = LoggerFactory.getLogger(Evaluator.class);

    private final HistoryStore histories;
    private final AssessmentStore assessments;
    private final RiskPublisher publisher;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AssessmentChanges changes;
    private final CatalogueStore catalogue;

    /**
     * One partnership is evaluated by one thread of this instance at a time (its events arrive on one partition, but
     * the time job and a rebuild may evaluate it too); different partnerships are evaluated side by side.
     */
    private final Object[] stripes = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    public Evaluator(HistoryStore histories, AssessmentStore assessments, RiskPublisher publisher, Clock clock, MeterRegistry meters,
                     AssessmentChanges changes, CatalogueStore catalogue) {
        this.histories = histories;
        this.assessments = assessments;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
        this.changes = changes;
        this.catalogue = catalogue;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** What one evaluation read and concluded. */
    private record Evaluation(String ref, PartnershipFormed formed, List<PartnershipFact> history, LocalDate today,
                              Assessment assessment, String steward) {
        long lastSequence() {
            return history.size() - 1L;
        }

        AssessmentStore.Version version() {
            return new AssessmentStore.Version(lastSequence(), today);
        }

        RiskChange changeFrom(RiskLevel announced) {
            return RiskChange.between(ref, formed.name(), formed.jurisdiction(), assessment.partners(), assessment.lead(), steward, announced,
                    assessment.level(), assessment.score(), assessment.signals(), assessment.recommendations(),
                    today.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    /**
     * Evaluates the partnership in the served generation and announces a change of its current level: named by the
     * last fact evaluated, or, when an earlier evaluation published the same change without storing its outcome (a
     * crash in between), under that evaluation's id, even if facts arrived since.
     */
    public void evaluate(String ref) {
        synchronized (lockOf(ref)) {
            read(ref, histories).ifPresent(this::announceAndStore);
        }
    }

    /**
     * Evaluates the partnership into a generation being rebuilt, announcing nothing: it takes over the level the
     * served generation last announced, so that switching announces nothing twice; a level other than that one is due
     * today, so that the served generation's time job announces it after the switch.
     */
    public void rebuild(String ref, HistoryStore rebuiltHistories, AssessmentStore rebuiltAssessments) {
        synchronized (lockOf(ref)) {
            read(ref, rebuiltHistories).ifPresent(evaluation -> {
                RiskLevel announced = assessments.find(ref).map(AssessmentStore.Current::announcedLevel).orElse(RiskLevel.NONE);
                boolean changed = evaluation.changeFrom(announced) != null;
                LocalDate next = changed ? evaluation.today() : nextDay(evaluation);
                store(rebuiltAssessments, evaluation, changed ? announced : evaluation.assessment().level(), next);
            });
        }
    }

    private Optional<Evaluation> read(String ref, HistoryStore from) {
        List<PartnershipFact> history = from.history(ref);
        if (history.isEmpty() || !(history.getFirst() instanceof PartnershipFormed formed)) {
            log.warn("cannot evaluate {}: its history does not start with PartnershipFormed", ref);
            return Optional.empty();
        }
        LocalDate today = today();
        return Optional.of(new Evaluation(ref, formed, history, today, Assessor.assess(history, today), from.steward(ref)));
    }

    private void announceAndStore(Evaluation evaluation) {
        String ref = evaluation.ref();
        Optional<AssessmentStore.Current> current = assessments.find(ref);
        RiskLevel announced = current.map(AssessmentStore.Current::announcedLevel).orElse(RiskLevel.NONE);
        RiskChange change = evaluation.changeFrom(announced);
        if (change != null) {
            String id = current.filter(c -> c.pendingTo() == change.to() && c.pendingChangeId() != null)
                    .map(AssessmentStore.Current::pendingChangeId)
                    .orElse(null);
            if (id == null) {
                id = RiskChangeCodec.eventId(change, evaluation.lastSequence());
                if (!assessments.announcing(ref, id, change.to(), evaluation.version())) {
                    log.info("not announcing {} for {}: a later evaluation is stored (this one read #{} on {})", change.changeName(), ref,
                            evaluation.lastSequence(), evaluation.today());
                    return;
                }
            }
            publisher.publish(id, change);
            meters.counter("assessment.risk.changes", "type", change.changeName(), "level", change.to().name()).increment();
            log.info("{} {}: {} -> {} (score {})", change.changeName(), ref, change.from(), change.to(), change.score());
        }
        Assessment assessment = evaluation.assessment();
        if (!store(assessments, evaluation, assessment.level(), nextDay(evaluation))) {
            return;
        }
        changes.publish(new AssessmentChanges.Change(ref, evaluation.formed().name(), evaluation.formed().jurisdiction(),
                assessment.partners(), evaluation.steward(), assessment.level().name(), assessment.score(),
                assessment.signals().stream().map(ActiveSignal::name).toList(), evaluation.today().toString()));
    }

    /** False, storing nothing, when a later evaluation is stored (this one read older facts, or an earlier day). */
    private boolean store(AssessmentStore into, Evaluation evaluation, RiskLevel announced, LocalDate next) {
        if (!into.save(evaluation.assessment(), announced, next, evaluation.formed().name(), evaluation.formed().jurisdiction(),
                evaluation.steward(), evaluation.version())) {
            log.info("not storing the evaluation of {} (#{} on {}): a later one is stored", evaluation.ref(), evaluation.lastSequence(),
                    evaluation.today());
            return false;
        }
        // the catalogue entry joins the registry's facts with this level (catalogue.md's export and search)
        catalogue.save(CatalogueEntries.of(evaluation.history(), evaluation.steward(), evaluation.assessment().level(), evaluation.today()));
        return true;
    }

    private static LocalDate nextDay(Evaluation evaluation) {
        return Assessor.nextComputableDay(evaluation.history(), evaluation.today()).orElse(null);
    }

    private Object lockOf(String ref) {
        return stripes[Math.floorMod(ref.hashCode(), stripes.length)];
    }
}
