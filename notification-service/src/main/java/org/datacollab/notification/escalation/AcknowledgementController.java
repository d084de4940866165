package org.datacollab.notification.escalation;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.problem.Problem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Map;

/** A stakeholder acknowledges a risk change (by its event id, as delivered in the webhook-id and the payload's id). */
@RestController
@RequestMapping(path = "/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AcknowledgementController {

    /** A risk change's id: its ref, day, sequence number and levels (well under this). */
    static final int MAX_EVENT_ID = 300;

    private final Escalations escalations;

    public AcknowledgementController(Escalations escalations) {
        this.escalations = escalations;
    }

    @PostMapping("/acknowledge")
    public Mono<ResponseEntity<Map<String, Object>>> acknowledge(@RequestParam String eventId, @RequestParam String by,
                                                                 org.datacollab.security.Caller caller) {
        QueryBounds.text(eventId, "eventId", MAX_EVENT_ID);
        QueryBounds.text(by, "by", Limits.REF);
        // a key acknowledges for its own organization only
        return Mono.fromCallable(() -> {
                    if (!caller.actsFor(by) || !escalations.acknowledge(eventId, by)) {
                        throw Problem.notFound("unknown-alert", "eventId", "No HIGH or CRITICAL risk change has id '" + eventId + "'.").exception();
                    }
                    return ResponseEntity.ok(Map.<String, Object>of("eventId", eventId, "state", "ACKNOWLEDGED"));
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
