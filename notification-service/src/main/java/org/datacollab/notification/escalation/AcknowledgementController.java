package org.datacollab.notification.escalation;

import io.swagger.v3.oas.annotations.Operation;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.notification.inbox.AlertAccess;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.datacollab.security.CallerAuthentication;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A stakeholder acknowledges a risk change (by its event id, as delivered in the webhook-id and the payload's
 * id), for its own organization. Only a caller that may see the partnership finds the risk change (404 else,
 * as for an id that does not exist: ids are predictable): a current partner, the steward, or a monitor of its
 * jurisdiction, as the risk change named them; for a change stored before they were, as the registry sees the
 * partnership now (decision 0016). DASHBOARD keys read and may not acknowledge (403).
 */
@RestController
@RequestMapping(path = "/alerts", produces = MediaType.APPLICATION_JSON_VALUE)
public class AcknowledgementController {

    /** A risk change's id: its ref, day, sequence number and levels (well under this). */
    static final int MAX_EVENT_ID = 300;

    public record Acknowledged(String eventId, String state) {
    }

    private final Escalations escalations;
    private final RegistryView registry;

    public AcknowledgementController(Escalations escalations, RegistryView registry) {
        this.escalations = escalations;
        this.registry = registry;
    }

    @PostMapping("/acknowledge")
    @Operation(operationId = "acknowledgeRiskChange")
    public Mono<Acknowledged> acknowledge(@RequestParam String eventId, @RequestParam String by, Caller caller, ServerWebExchange exchange) {
        QueryBounds.text(eventId, "eventId", MAX_EVENT_ID);
        QueryBounds.text(by, "by", Limits.REF);
        return internalToken(exchange).flatMap(token -> Mono.fromCallable(() -> {
                    boolean visible = caller.actsFor(by) && escalations.find(eventId).filter(watched -> maySee(caller, watched, token)).isPresent();
                    if (!visible) {
                        throw Problem.notFound("unknown-alert", "eventId", "No HIGH or CRITICAL risk change has id '" + eventId + "'.").exception();
                    }
                    if (!AlertAccess.mayAcknowledge(caller)) {
                        throw Problem.forbidden("role-required", "Acknowledging takes the STEWARD or MONITOR role; this key has "
                                + caller.roles() + ".").exception();
                    }
                    escalations.acknowledge(eventId, by);
                    return new Acknowledged(eventId, "ACKNOWLEDGED");
                }))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /**
     * As the risk change named its partnership's organizations, steward and jurisdiction; for one stored before it
     * named them all, and that does not name the caller, as the registry sees the partnership now.
     */
    private boolean maySee(Caller caller, Escalations.Watched watched, String token) {
        if (caller.maySee(watched.organizations(), watched.steward(), watched.jurisdiction())) {
            return true;
        }
        return !watched.complete() && registry.shows(watched.ref(), token);
    }

    /** The internal token this request came with, to ask the registry as the same caller. */
    private static Mono<String> internalToken(ServerWebExchange exchange) {
        return exchange.getPrincipal().ofType(CallerAuthentication.class)
                .map(authentication -> authentication.getCredentials() instanceof Jwt jwt ? jwt.getTokenValue() : "")
                .defaultIfEmpty("");
    }
}
