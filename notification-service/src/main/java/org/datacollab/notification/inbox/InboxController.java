package org.datacollab.notification.inbox;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.bounds.StreamGate;
import org.datacollab.notification.escalation.Escalations;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

/**
 * An organization's in-app inbox: the alerts, a live stream of new ones, and acknowledgement. Only the
 * organization's own keys (and an administrator) read it; to anyone else the inbox does not exist (404).
 * DASHBOARD keys read; acknowledging takes STEWARD or MONITOR (403 for a DASHBOARD key of the organization).
 */
@RestController
@RequestMapping("/inbox/{organization}")
public class InboxController {

    private final Inbox inbox;
    private final Escalations escalations;
    private final StreamGate gate;

    public InboxController(Inbox inbox, Escalations escalations, StreamGate gate) {
        this.inbox = inbox;
        this.escalations = escalations;
        this.gate = gate;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "inbox")
    public Mono<List<Inbox.Alert>> list(@PathVariable String organization, @RequestParam(defaultValue = "50") int limit, Caller caller) {
        int bounded = QueryBounds.count(limit, "limit", 500);
        requireOwn(organization, caller);
        return Mono.fromCallable(() -> inbox.list(organization, bounded)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(operationId = "inboxStream")
    public Flux<ServerSentEvent<Inbox.Alert>> stream(@PathVariable String organization, Caller caller) {
        requireOwn(organization, caller);
        Flux<ServerSentEvent<Inbox.Alert>> alerts = inbox.stream(organization)
                .map(a -> ServerSentEvent.builder(a).id(a.id()).event(a.type()).build());
        Flux<ServerSentEvent<Inbox.Alert>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Inbox.Alert>builder().comment("keep-alive").build());
        // a first comment at once, so that clients know the stream is open before the first alert
        Flux<ServerSentEvent<Inbox.Alert>> opened = Flux.just(ServerSentEvent.<Inbox.Alert>builder().comment("connected").build());
        // a few streams per key and some hundreds per instance; a client that does not read is dropped (decision 0034)
        return gate.admit(caller, Flux.concat(opened, Flux.merge(alerts, heartbeat)));
    }

    /**
     * Acknowledges an alert of the inbox, and with it the risk change it announced. The alert id is a query
     * parameter: alert ids hold '/' (the event id's), which a path may not carry encoded (decision 0011).
     */
    @PostMapping("/acknowledge")
    @Operation(operationId = "acknowledgeAlert", responses = @ApiResponse(responseCode = "204", description = "acknowledged"))
    public Mono<ResponseEntity<Void>> acknowledge(@PathVariable String organization, @RequestParam String alertId, Caller caller) {
        requireOwn(organization, caller);
        if (!AlertAccess.mayAcknowledge(caller)) {
            throw Problem.forbidden("role-required", "Acknowledging takes the STEWARD or MONITOR role; this key has " + caller.roles() + ".").exception();
        }
        return Mono.fromCallable(() -> {
                    if (!inbox.acknowledge(organization, alertId)) {
                        throw unknownAlert(alertId);
                    }
                    // acknowledging the alert acknowledges the risk change it announced (the id starts with its event id)
                    escalations.acknowledge(alertId.substring(0, alertId.indexOf('|')), organization);
                    return ResponseEntity.noContent().<Void>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static void requireOwn(String organization, Caller caller) {
        if (!caller.actsFor(organization)) {
            throw Problem.notFound("unknown-inbox", "organization", "No inbox of '" + organization + "' is visible to this key.").exception();
        }
    }

    private static RuntimeException unknownAlert(String alertId) {
        return Problem.notFound("unknown-alert", "alertId", "No alert has id '" + alertId + "'.").exception();
    }
}
