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
import java.time.Duration;
import java.time.ZoneOffset;
import org.datacollab.assessment.risk.AssessmentChanges;
import org.datacollab.assessment.risk.AssessmentStore;
import org.datacollab.assessment.rules.Timeline;
import org.datacollab.assessment.rules.Timelines;
import org.springframework.http.codec.ServerSentEvent;
import reactor.core.publisher.Flux;

/** A partnership's assessment, for any date, computed by the pure rules from the projected history. */
@RestController
@RequestMapping(path = "/partnerships", produces = MediaType.APPLICATION_JSON_VALUE)
public class AssessmentController {

    private final HistoryStore histories;
    private final Evaluator evaluator;
    private final AssessmentChanges changes;
    private final AssessmentStore assessments;
    private final StreamGate gate;

    public AssessmentController(HistoryStore histories, Evaluator evaluator, AssessmentChanges changes,
                                AssessmentStore assessments, StreamGate gate) {
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
            return Assessor.assess(history, formedBy(ref, history, day));
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
    public Mono<Timeline> timeline(@PathVariable String ref, @RequestParam(required = false) LocalDate asOf,
                                                                   Caller caller) {
        QueryBounds.date(asOf, "asOf");
        return history(ref, caller).map(history -> Timelines.of(history, formedBy(ref, history, asOf == null ? evaluator.today() : asOf)));
    }

    /** The day, when the partnership was formed by then; 422 as-of-before-formation else (its state then is nothing). */
    private static LocalDate formedBy(String ref, List<PartnershipFact> history, LocalDate day) {
        if (day.isBefore(LocalDate.ofInstant(history.getFirst().occurredAt(), ZoneOffset.UTC))) {
            throw new BeforeFormation(ref, day);
        }
        return day;
    }

    /** Assessment changes as Server-Sent Events: all partnerships, or one with {@code ?ref=}. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<AssessmentChanges.Change>> stream(
            @RequestParam(required = false) String ref, Caller caller) {
        QueryBounds.text(ref, "ref", Limits.REF);
        // only the partnerships the caller may see; a partnership it may not see simply never appears
        var changes = this.changes.stream().filter(c -> ref == null || ref.equals(c.ref()))
                .filter(c -> caller.maySee(c.partners(), c.steward(), c.jurisdiction()))
                .map(c -> ServerSentEvent.builder(c).event("assessment").id(c.ref() + "/" + c.asOf()).build());
        var heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<AssessmentChanges.Change>builder().comment("keep-alive").build());
        // a first comment at once, so that clients know the stream is open before the first change
        var opened = Flux.just(ServerSentEvent
                .<AssessmentChanges.Change>builder().comment("connected").build());
        // a few streams per key and some hundreds per instance; a client that does not read is dropped (decision 0034)
        return gate.admit(caller, Flux.concat(opened, Flux.merge(changes, heartbeat)));
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
