package org.datacollab.assessment.web;

import org.datacollab.assessment.rules.Assessment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The risk levels and the score each starts at, as the rules define them: what a client draws bands or legends from. */
@RestController
public class LevelsController {

    /** The levels, lowest first, each with the lowest score that has it. */
    public record Levels(List<Assessment.Threshold> levels) {
    }

    @GetMapping(path = "/levels", produces = MediaType.APPLICATION_JSON_VALUE)
    public Levels levels() {
        return new Levels(Assessment.THRESHOLDS.reversed());
    }
}
