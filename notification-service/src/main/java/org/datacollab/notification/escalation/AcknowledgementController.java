package org.datacollab.notification.escalation;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.notification.inbox.AlertAccess;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A stakeholder acknowledges a risk change (by its event id, as delivered in the webhook-id and the payload's
 * id), for its own organization. Only a caller that may see the partnership finds the risk change (404 else,
 * as for an id that does not exist: ids are predictable); DASHBOARD keys read and may not acknowledge (403).
 */
@RestController
@RequestMapping(path = "/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AcknowledgementController {

    /** A risk change's id: its ref, day, sequence number and levels (well under this). */
    static final int MAX_EVENT_ID = 300;

    public record Acknowledged(String eventId, String state) {
    }

    private final Escalations escalations;

    public AcknowledgementController(Escalations escalations) {
        this.escalations = escalations;
    }

    @PostMapping("/acknowledge")
    public Mono<Acknowledged> acknowledge(@RequestParam String eventId, @RequestParam String by, Caller caller) {
        QueryBounds.text(eventId, "eventId", MAX_EVENT_ID);
        QueryBounds.text(by, "by", Limits.REF);
        return Mono.fromCallable(() -> {
                    boolean visible = caller.actsFor(by) && escalations.find(eventId)
                            .filter(watched -> caller.maySee(watched.organizations(), null, watched.jurisdiction())).isPresent();
                    if (!visible) {
                        throw Problem.notFound("unknown-alert", "eventId", "No HIGH or CRITICAL risk change has id '" + eventId + "'.").exception();
                    }
                    if (!AlertAccess.mayAcknowledge(caller)) {
                        throw Problem.forbidden("role-required", "Acknowledging takes the STEWARD or MONITOR role; this key has "
                                + caller.roles() + ".").exception();
                    }
                    escalations.acknowledge(eventId, by);
                    return new Acknowledged(eventId, "ACKNOWLEDGED");
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
