package org.datacollab.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.datacollab.audit.AuditTrail;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.problem.Problem;
import org.datacollab.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.List;
import java.util.Map;

/**
 * Operators: the service's dead letters, newest first, and replaying one once what made it fail is fixed (it is
 * processed as its listener would have; 409 replay-failed with the reason when it still cannot be). ADMIN only. A
 * replay that processed its record is in the audit trail ({@code dead-letter.replayed}); one that failed changed nothing.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    public record Listing(DeadLetterLog.Status status, List<DeadLetterLog.DeadLetter> deadLetters) {
    }

    public record Replayed(String id, String key, String outcome) {
    }

    private final DeadLetterLog log;
    private final DeadLetterHandler handler;
    private final AuditTrail audit;

    public DeadLetterController(DeadLetterLog log, DeadLetterHandler handler, AuditTrail audit) {
        this.log = log;
        this.handler = handler;
        this.audit = audit;
    }

    @GetMapping
    public Mono<Listing> list(@RequestParam(defaultValue = "50") int limit, Caller caller) {
        requireAdmin(caller);
        int bounded = QueryBounds.count(limit, "limit", 500);
        return Mono.fromCallable(() -> new Listing(log.status(), log.latest(bounded))).subscribeOn(Schedulers.boundedElastic());
    }

    @PostMapping("/{id}/replay")
    public Mono<Replayed> replay(@PathVariable String id, Caller caller) {
        requireAdmin(caller);
        return Mono.fromCallable(() -> {
            ConsumerRecord<String, byte[]> record = log.find(id).orElseThrow(() -> Problem.notFound("unknown-dead-letter", "id",
                    "No dead letter has id '" + QueryBounds.text(id, "id", 40) + "' on " + log.topic() + ".").exception());
            try {
                handler.replay(record);
            } catch (RuntimeException e) {
                throw Problem.of(HttpStatus.CONFLICT, "replay-failed", "id", "The record still cannot be processed: "
                        + Failures.rootOf(e)).exception();
            }
            log.replayed(id, caller.subject());
            audit.record(caller, "dead-letter.replayed", id, Map.of("topic", log.topic(), "key", String.valueOf(record.key())));
            return new Replayed(id, record.key(), "processed");
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw Problem.forbidden("role-required", "Dead letters take the ADMIN role.").exception();
        }
    }
}
