package org.datacollab.notification.inbox;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.bounds.StreamGate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;

/** An organization's in-app inbox: the alerts, a live stream of new ones, and acknowledgement. */
@RestController
@RequestMapping("/inbox/{organization}")
public class InboxController {

    private final Inbox inbox;
    private final org.datacollab.notification.escalation.Escalations escalations;
    private final StreamGate gate;

    public InboxController(Inbox inbox, org.datacollab.notification.escalation.Escalations escalations, StreamGate gate) {
        this.inbox = inbox;
        this.escalations = escalations;
        this.gate = gate;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<Inbox.Alert>> list(@PathVariable String organization, @RequestParam(defaultValue = "50") int limit) {
        int bounded = QueryBounds.count(limit, "limit", 500);
        return Mono.fromCallable(() -> inbox.list(organization, bounded)).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Inbox.Alert>> stream(@PathVariable String organization, org.datacollab.security.Caller caller) {
        Flux<ServerSentEvent<Inbox.Alert>> alerts = inbox.stream(organization)
                .map(a -> ServerSentEvent.builder(a).id(a.id()).event(a.type()).build());
        Flux<ServerSentEvent<Inbox.Alert>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Inbox.Alert>builder().comment("keep-alive").build());
        // a first comment at once, so that clients know the stream is open before the first alert
        Flux<ServerSentEvent<Inbox.Alert>> opened = Flux.just(ServerSentEvent.<Inbox.Alert>builder().comment("connected").build());
        // a few streams per key and some hundreds per instance; a client that does not read is dropped (decision 0034)
        return gate.admit(caller, Flux.concat(opened, Flux.merge(alerts, heartbeat)));
    }

    @PostMapping("/{alertId}/acknowledge")
    public Mono<ResponseEntity<Void>> acknowledge(@PathVariable String organization, @PathVariable String alertId,
                                                  org.datacollab.security.Caller caller) {
        return Mono.fromCallable(() -> {
                    if (!caller.actsFor(organization) || !inbox.acknowledge(organization, alertId)) {
                        return ResponseEntity.notFound().<Void>build();
                    }
                    // acknowledging the alert acknowledges the risk change it announced (the id starts with its event id)
                    escalations.acknowledge(alertId.substring(0, alertId.indexOf('|')), organization);
                    return ResponseEntity.noContent().<Void>build();
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
