package org.datacollab.assessment.risk;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Risk changes with no new fact (a delivery gap opens, a challenge ages). Each evaluation stores the
 * partnership's next computable day; this job reads only the partnerships whose day has come (the days' keys,
 * {@link AssessmentKeys}: no sweep over every partnership) and evaluates them, so the change is announced on
 * its day. The day is stored in MongoDB, so it survives restarts.
 */
@Component
public class TimePasses {

    private static final Logger log = LoggerFactory.getLogger(TimePasses.class);

    private final AssessmentStore assessments;
    private final Evaluator evaluator;
    private final org.datacollab.assessment.projection.ServedGeneration served;

    /** Partnerships whose evaluation day has passed without being evaluated: alerted on (k8s/monitoring). */
    private final java.util.concurrent.atomic.AtomicLong overdue = new java.util.concurrent.atomic.AtomicLong();

    public TimePasses(AssessmentStore assessments, Evaluator evaluator, org.datacollab.assessment.projection.ServedGeneration served,
                      io.micrometer.core.instrument.MeterRegistry meters) {
        io.micrometer.core.instrument.Gauge.builder("assessment.evaluations.overdue", overdue, java.util.concurrent.atomic.AtomicLong::get)
                .description("partnerships whose next evaluation day is before today and still not evaluated").register(meters);
        this.assessments = assessments;
        this.evaluator = evaluator;
        this.served = served;
    }

    @Scheduled(fixedDelayString = "${datacollab.assessment.time-check:PT1M}", initialDelayString = "PT5S")
    public void evaluateDue() {
        for (String ref : assessments.due(evaluator.today())) {
            try {
                served.writing(() -> {
                    evaluator.evaluate(ref);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("re-evaluation of {} failed; it stays due and is retried", ref, e);
            }
        }
        overdue.set(assessments.due(evaluator.today().minusDays(1)).size());
    }
}
