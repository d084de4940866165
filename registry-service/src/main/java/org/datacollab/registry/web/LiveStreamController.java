package org.datacollab.registry.web;

import org.datacollab.bounds.QueryBounds;
import org.datacollab.bounds.StreamGate;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.registry.partnership.PartnershipService;
import org.datacollab.registry.partnership.rules.PartnershipAccess;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.*;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * New facts as Server-Sent Events, for all partnerships or one, from this instance's one consumer of {@code
 * partnership-events} ({@link LiveFacts}, so they carry what every registry instance records). Each event's id is
 * the position after it in every partition ("0:17,1:4,..."): a client that reconnects with Last-Event-ID resumes
 * where it stopped, within the window the instance holds (event {@code resync} when it stopped before that: read
 * the partnership again). A key holds at most a few streams, an instance a few hundred (429 stream-limit beyond),
 * and a client that does not read is dropped (decision 0034).
 */
@RestController
@RequestMapping("/partnerships")
public class LiveStreamController {

    /** The longest Last-Event-ID taken: a position for each of a few hundred partitions. */
    static final int MAX_LAST_EVENT_ID = 4000;

    private final LiveFacts live;
    private final PartnershipService partnerships;
    private final StreamGate gate;

    public LiveStreamController(LiveFacts live, PartnershipService partnerships, StreamGate gate) {
        this.live = live;
        this.partnerships = partnerships;
        this.gate = gate;
    }

    /** Every fact of the partnerships the caller may see. */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> all(@RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                                         Caller caller) {
        return stream(null, lastEventId, caller);
    }

    /** One partnership's facts; 404 when it does not exist or the caller may not see it (administrators may wait for one). */
    @GetMapping(path = "/{ref}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public Flux<ServerSentEvent<Object>> one(@PathVariable String ref,
                                                         @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                                                         Caller caller) {
        if (caller.isAdmin()) {
            return stream(ref, lastEventId, caller);
        }
        return partnerships.facts(ref).flatMapMany(facts -> {
            if (!PartnershipAccess.visible(facts, caller)) {
                return Flux.error(new UnknownPartnership(ref));
            }
            return stream(ref, lastEventId, caller);
        });
    }

    private Flux<ServerSentEvent<Object>> stream(String ref, String lastEventId, Caller caller) {
        Map<Integer, Long> resumeAt = parse(lastEventId);
        Flux<ServerSentEvent<Object>> facts = live.follow(ref, caller, resumeAt, gate.limits().buffer())
                .map(LiveStreamController::event);
        Flux<ServerSentEvent<Object>> heartbeat = Flux.interval(Duration.ofSeconds(15))
                .map(i -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
        // a first comment at once: the response (its headers) is sent now, not with the first fact or heartbeat,
        // so that clients know at once that the stream is open
        Flux<ServerSentEvent<Object>> opened = Flux.just(ServerSentEvent.<Object>builder().comment("connected").build());
        return gate.admit(caller, Flux.concat(opened, Flux.merge(facts, heartbeat)));
    }

    private static ServerSentEvent<Object> event(LiveFacts.Live live) {
        if (live.resync()) {
            return ServerSentEvent.<Object>builder().event("resync").data(Map.of("detail",
                    "Facts recorded before this stream's window may be missing; read the partnership (or its facts) again.")).build();
        }
        RecordedFact recorded = live.fact();
        return ServerSentEvent.<Object>builder().id(live.id()).event(recorded.fact().factName()).data(FactJson.live(recorded)).build();
    }

    static Map<Integer, Long> parse(String lastEventId) {
        Map<Integer, Long> positions = new TreeMap<>();
        if (lastEventId == null || lastEventId.isBlank()) {
            return positions;
        }
        QueryBounds.text(lastEventId, "Last-Event-ID", MAX_LAST_EVENT_ID);
        try {
            for (String part : lastEventId.split(",")) {
                String[] kv = part.split(":");
                positions.put(Integer.parseInt(kv[0].trim()), Long.parseLong(kv[1].trim()));
            }
        } catch (RuntimeException e) {
            throw new InvalidInput("Last-Event-ID", "last-event-id-format", "Last-Event-ID must be an id this stream sent, such as 0:17,1:4.");
        }
        return positions;
    }
}
