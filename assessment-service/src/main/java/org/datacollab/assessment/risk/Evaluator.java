package org.datacollab.assessment.risk;

import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.assessment.catalogue.CatalogueStore;
import org.datacollab.assessment.projection.HistoryStore;
import org.datacollab.catalogue.CatalogueEntries;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.assessment.rules.Assessor;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.json.RiskChangeCodec;
import org.datacollab.contracts.risk.RiskChange;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Evaluates a partnership as of today, stores the result, and announces a change of the current level.
 * The change is published (and acknowledged) before the new level is stored as announced: a crash in between
 * announces it again with the same deterministic id, which subscribers de-duplicate; nothing is lost.
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

    public Evaluator(HistoryStore histories, AssessmentStore assessments, RiskPublisher publisher, Clock clock, MeterRegistry meters,
                     AssessmentChanges changes, CatalogueStore catalogue) {
        this.catalogue = catalogue;
        this.changes = changes;
        this.histories = histories;
        this.assessments = assessments;
        this.publisher = publisher;
        this.clock = clock;
        this.meters = meters;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    public void evaluate(String ref) {
        evaluate(ref, histories, assessments, true);
    }

    /**
     * One partnership is evaluated by one thread at a time (its events arrive on one partition, but the daily
     * re-evaluation and a rebuild may evaluate it too); different partnerships are evaluated side by side.
     */
    private final Object[] stripes = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    private Object lockOf(String ref) {
        return stripes[Math.floorMod(ref.hashCode(), stripes.length)];
    }

    /**
     * Evaluates into the given stores. A rebuild evaluates quietly ({@code announce} false): it takes over the
     * level the active generation last announced, so switching announces nothing twice and misses nothing.
     */
    public void evaluate(String ref, HistoryStore histories, AssessmentStore assessments, boolean announce) {
        synchronized (lockOf(ref)) {
            evaluateLocked(ref, histories, assessments, announce);
        }
    }

    private void evaluateLocked(String ref, HistoryStore histories, AssessmentStore assessments, boolean announce) {
        List<PartnershipFact> history = histories.history(ref);
        if (history.isEmpty() || !(history.getFirst() instanceof PartnershipFormed formed)) {
            log.warn("cannot evaluate {}: its history does not start with PartnershipFormed", ref);
            return;
        }
        LocalDate today = today();
        Assessment assessment = Assessor.assess(history, today);
        java.util.Optional<AssessmentStore.Current> current = (announce ? assessments : this.assessments).find(ref);
        RiskLevel announced = current.map(AssessmentStore.Current::announcedLevel).orElse(RiskLevel.NONE);
        RiskChange change = RiskChange.between(ref, formed.name(), formed.jurisdiction(), assessment.partners(),
                assessment.lead(), announced, assessment.level(), assessment.score(), assessment.signals(),
                assessment.recommendations(), today.atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        if (change != null && announce) {
            // named by the last fact evaluated; a change an earlier evaluation published without storing its
            // outcome (a crash in between) keeps that evaluation's id, even if facts arrived since
            String id = current.filter(c -> c.pendingTo() == change.to() && c.pendingChangeId() != null)
                    .map(AssessmentStore.Current::pendingChangeId)
                    .orElse(null);
            if (id == null) {
                id = RiskChangeCodec.eventId(change, history.size() - 1);
                assessments.announcing(ref, id, change.to());
            }
            publisher.publish(id, change);
            meters.counter("assessment.risk.changes", "type", change.changeName(), "level", change.to().name()).increment();
            log.info("{} {}: {} -> {} (score {})", change.changeName(), ref, change.from(), change.to(), change.score());
        }
        // quietly rebuilt with a level other than the one announced: due today, so it is announced after the switch
        LocalDate next = !announce && change != null ? today : Assessor.nextComputableDay(history, today).orElse(null);
        String steward = histories.steward(ref);
        assessments.save(assessment, announce || change == null ? assessment.level() : announced, next,
                formed.name(), formed.jurisdiction(), steward);
        // the catalogue entry joins the registry's facts with this level (catalogue.md's export and search)
        catalogue.save(CatalogueEntries.of(history, steward, assessment.level(), today));
        if (!announce) {
            return;
        }
        changes.publish(new AssessmentChanges.Change(ref, formed.name(), formed.jurisdiction(), assessment.partners(), steward,
                assessment.level().name(), assessment.score(),
                assessment.signals().stream().map(org.datacollab.contracts.risk.ActiveSignal::name).toList(), today.toString()));
    }
}
