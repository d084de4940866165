package org.datacollab.processors;

import org.datacollab.audit.AuditTrail;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Operators: every tracking processor and consumer of this service, as this instance sees it (position, lag,
 * gaps passed, dead letters, last error), and the replay of one whose replay is safe. ADMIN only. A replay started
 * is in the audit trail ({@code processor.replay-started}, with the position it replays from); a refused one changed nothing.
 */
@RestController
@RequestMapping(path = "/admin/processors", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProcessorsController {

    private final List<ProcessorSource> sources;
    private final AuditTrail audit;

    public ProcessorsController(List<ProcessorSource> sources, AuditTrail audit) {
        this.sources = sources;
        this.audit = audit;
    }

    @GetMapping
    public Mono<List<ProcessorStatus>> list(Caller caller) {
        requireAdmin(caller);
        return Mono.fromCallable(() -> {
            List<ProcessorStatus> all = new ArrayList<>();
            sources.forEach(source -> all.addAll(source.processors()));
            return all;
        }).subscribeOn(Schedulers.boundedElastic());
    }

    /** Replays the processor from {@code from} (a position: a commit for the registry's processors), or from the start. */
    @PostMapping("/{name}/replay")
    public Mono<ProcessorStatus> replay(@PathVariable String name, @RequestParam(required = false) Long from, Caller caller) {
        requireAdmin(caller);
        if (from != null && from < 1) {
            throw Problem.invalid("number-range", "from", "A position to replay from is 1 or more.").exception();
        }
        return Mono.fromCallable(() -> {
                    ProcessorStatus replayed = sources.stream()
                            .filter(source -> source.processors().stream().anyMatch(p -> p.name().equals(name))).findFirst()
                            .orElseThrow(() -> Problem.notFound("unknown-processor", "name", "This service has no processor or consumer named '"
                                    + (name.length() > 100 ? name.substring(0, 100) : name) + "'.").exception())
                            .replay(name, from);
                    audit.record(caller, "processor.replay-started", name, Map.of("from", from == null ? "start" : String.valueOf(from)));
                    return replayed;
                })
                .subscribeOn(Schedulers.boundedElastic());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw Problem.forbidden("role-required", "Processors take the ADMIN role.").exception();
        }
    }
}
