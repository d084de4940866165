package org.datacollab.assessment.web;

import org.datacollab.assessment.projection.Rebuild;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operators: rebuild every projection from the start of partnership-events, and watch its progress. */
@RestController
@RequestMapping(path = "/admin/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
public class AdminController {

    private final Rebuild rebuild;

    public AdminController(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    /** 202 with the progress when started; 409 while another rebuild runs. */
    @PostMapping
    public ResponseEntity<?> start(org.datacollab.security.Caller caller) {
        if (!caller.isAdmin()) {
            return AssessmentController.problem(HttpStatus.FORBIDDEN, "role-required", "Authorization", "Rebuilding takes the ADMIN role.");
        }
        boolean started = rebuild.start();
        return ResponseEntity.status(started ? HttpStatus.ACCEPTED : HttpStatus.CONFLICT).body(rebuild.progress());
    }

    @GetMapping
    public ResponseEntity<?> progress(org.datacollab.security.Caller caller) {
        if (!caller.isAdmin()) {
            return AssessmentController.problem(HttpStatus.FORBIDDEN, "role-required", "Authorization", "Rebuild progress takes the ADMIN role.");
        }
        return ResponseEntity.ok(rebuild.progress());
    }
}
