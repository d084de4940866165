package org.datacollab.assessment.risk;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.util.List;

/** Assessment changes as they are stored, for the Server-Sent Events stream (this instance's evaluations). */
@Component
public class AssessmentChanges {

    public record Change(String ref, String name, String jurisdiction, List<String> partners, String steward, String level, int score,
                         List<String> signals, String asOf) {
    }

    private final Sinks.Many<Change> sink = Sinks.many().multicast().directBestEffort();

    /** Evaluations run on several threads; a sink takes one emission at a time. */
    synchronized void publish(Change change) {
        sink.tryEmitNext(change);
    }

    public Flux<Change> stream() {
        return sink.asFlux();
    }
}
