package org.datacollab.assessment.web;

import org.datacollab.assessment.projection.HistoryStore;
import org.datacollab.assessment.risk.Evaluator;
import org.datacollab.assessment.rules.Assessment;
import org.datacollab.assessment.rules.Assessor;
import org.datacollab.assessment.rules.RiskHistoryEntry;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.bounds.StreamGate;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;
import org.datacollab.problem.ProblemException;
import org.datacollab.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.LocalDate;
import java.util.List;

/** A partnership's assessment, for any date, computed by the pure rules from the projected history. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class AssessmentController {

    private final HistoryStore histories;
    private final Evaluator evaluator;
    private final org.datacollab.assessment.risk.AssessmentChanges changes;
    private final org.datacollab.assessment.risk.AssessmentStore assessments;
    private final StreamGate gate;

    public AssessmentController(HistoryStore histories, Evaluator evaluator, org.datacollab.assessment.risk.AssessmentChanges changes,
                                org.datacollab.assessment.risk.AssessmentStore assessments, StreamGate gate) {
        this.assessments = assessments;
        this.gate = gate;
        this.histories = histories;
        this.evaluator = evaluator;
        this.changes = changes;
    }

    /** The assessment at the end of {@code asOf} (default: today). */
    @GetMapping("/{ref}/assessment")
    public Mono<Assessment> assessment(@PathVariable String ref, @RequestParam(required = false) LocalDate asOf, Caller caller) {
        QueryBounds.date(asOf, "asOf");
        return history(ref, caller).map(history -> {
            LocalDate day = asOf == null ? evaluator.today() : asOf;
            if (day.isBefore(java.time.LocalDate.ofInstant(history.getFirst().occurredAt(), java.time.ZoneOffset.UTC))) {
                throw new BeforeFormation(ref, day);
            }
            return Assessor.assess(history, day);
        });
    }

    /** The level at formation and each day the level changed, up to {@code until} (default: today). */
    @GetMapping("/{ref}/risk-history")
    public Mono<List<RiskHistoryEntry>> riskHistory(@PathVariable String ref, @RequestParam(required = false) LocalDate until,
                                                    Caller caller) {
        QueryBounds.date(until, "until");
        return history(ref, caller).map(history -> Assessor.riskHistory(history, until == null ? evaluator.today() : until));
    }

    /** The timeline: facts grouped by phase, challenges from raise to resolution, open challenges by category, model fit over time. */
    @GetMapping("/{ref}/timeline")
    public Mono<org.datacollab.assessment.rules.Timeline> timeline(@PathVariable String ref, @RequestParam(required = false) LocalDate asOf,
                                                                   Caller caller) {
        QueryBounds.date(asOf, "asOf");
        return history(ref, caller).map(history -> org.datacollab.assessment.rules.Timelines.of(history, asOf == null ? evaluator.today() : asOf));
    }

    /** Assessment changes as Server-Sent Events: all partnerships, or one with {@code ?ref=}. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public reactor.core.publisher.Flux<org.springframework.http.codec.ServerSentEvent<org.datacollab.assessment.risk.AssessmentChanges.Change>> stream(
            @RequestParam(required = false) String ref, Caller caller) {
        QueryBounds.text(ref, "ref", Limits.REF);
        // only the partnerships the caller may see; a partnership it may not see simply never appears
        var changes = this.changes.stream().filter(c -> ref == null || ref.equals(c.ref()))
                .filter(c -> caller.maySee(c.partners(), c.steward(), c.jurisdiction()))
                .map(c -> org.springframework.http.codec.ServerSentEvent.builder(c).event("assessment").id(c.ref() + "/" + c.asOf()).build());
        var heartbeat = reactor.core.publisher.Flux.interval(java.time.Duration.ofSeconds(15))
                .map(i -> org.springframework.http.codec.ServerSentEvent.<org.datacollab.assessment.risk.AssessmentChanges.Change>builder().comment("keep-alive").build());
        // a first comment at once, so that clients know the stream is open before the first change
        var opened = reactor.core.publisher.Flux.just(org.springframework.http.codec.ServerSentEvent
                .<org.datacollab.assessment.risk.AssessmentChanges.Change>builder().comment("connected").build());
        // a few streams per key and some hundreds per instance; a client that does not read is dropped (decision 0034)
        return gate.admit(caller, reactor.core.publisher.Flux.concat(opened, reactor.core.publisher.Flux.merge(changes, heartbeat)));
    }

    /** The partnership's history; 404 when it does not exist or the caller may not see it. */
    private Mono<List<PartnershipFact>> history(String ref, Caller caller) {
        return Mono.fromCallable(() -> {
            if (!assessments.visible(ref, caller)) {
                throw new UnknownPartnership(ref);
            }
            List<PartnershipFact> history = histories.history(ref);
            if (history.isEmpty()) {
                throw new UnknownPartnership(ref);
            }
            return history;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    static final class UnknownPartnership extends ProblemException {
        UnknownPartnership(String ref) {
            super(Problem.notFound("unknown-partnership", "ref",
                    "No partnership has ref '" + ref + "' (or the assessment has not received it yet)."));
        }
    }

    static final class BeforeFormation extends ProblemException {
        BeforeFormation(String ref, LocalDate day) {
            super(Problem.of(HttpStatus.UNPROCESSABLE_CONTENT, "as-of-before-formation", "asOf",
                    "Partnership '" + ref + "' was not yet formed on " + day + "."));
        }
    }
}
