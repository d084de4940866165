package org.datacollab.gateway.audit;

import org.datacollab.audit.AuditTrail;
import org.datacollab.bounds.QueryBounds;
import org.datacollab.problem.Problem;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * ADMIN only (the security chain checks: /admin/**): the audit trail of every service, newest first: who did
 * which administrative action to what, when, from which service.
 */
@RestController
@RequestMapping(path = "/admin/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class AuditController {

    private final AuditTrail audit;

    public AuditController(AuditTrail audit) {
        this.audit = audit;
    }

    @GetMapping
    public Mono<List<AuditTrail.Entry>> latest(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) String action,
                                               @RequestParam(required = false) String since) {
        Instant from = since == null ? null : instant(since);
        return Mono.fromCallable(() -> audit.latest(Math.max(1, Math.min(limit, 1000)), action, from)).subscribeOn(Schedulers.boundedElastic());
    }

    private static Instant instant(String since) {
        try {
            return QueryBounds.instant(Instant.parse(since), "since");
        } catch (DateTimeParseException e) {
            throw Problem.invalid("instant-format", "since", "since is an instant such as 2026-01-31T00:00:00Z.").exception();
        }
    }
}
