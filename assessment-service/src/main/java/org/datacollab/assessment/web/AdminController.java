package org.datacollab.assessment.web;

import org.datacollab.assessment.projection.Rebuild;
import org.datacollab.problem.Problem;
import org.datacollab.audit.AuditTrail;
import org.datacollab.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import org.springframework.web.bind.annotation.RestController;

/** Operators: rebuild every projection from the start of partnership-events, and watch its progress. */
@RestController
@RequestMapping(path = "/admin/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminController {

    private final Rebuild rebuild;
    private final AuditTrail audit;

    public AdminController(Rebuild rebuild, AuditTrail audit) {
        this.rebuild = rebuild;
        this.audit = audit;
    }

    /** 202 with the progress when started (and recorded in the audit trail); 409 while another rebuild runs. */
    @PostMapping
    public Mono<ResponseEntity<Rebuild.Progress>> start(Caller caller) {
        if (!caller.isAdmin()) {
            throw Problem.forbidden("role-required", "Rebuilding takes the ADMIN role.").exception();
        }
        return Mono.fromCallable(() -> {
            boolean started = rebuild.start();
            if (started) {
                audit.record(caller, "projection.rebuild-started", "assessment");
            }
            return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(rebuild.progress());
        }).subscribeOn(Schedulers.boundedElastic());
    }

    @GetMapping
    public ResponseEntity<Rebuild.Progress> progress(Caller caller) {
        if (!caller.isAdmin()) {
            throw Problem.forbidden("role-required", "Rebuild progress takes the ADMIN role.").exception();
        }
        return ResponseEntity.ok(rebuild.progress());
    }
}
