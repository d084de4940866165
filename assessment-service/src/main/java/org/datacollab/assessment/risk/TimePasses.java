package org.datacollab.assessment.risk;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.datacollab.assessment.projection.Generations;
import org.datacollab.assessment.projection.ServedGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Risk changes with no new fact (a delivery gap opens, a challenge ages). Each evaluation stores the partnership's
 * next computable day; this job reads only the partnerships whose day has come (the days' keys, {@link AssessmentKeys}:
 * no sweep over every partnership) and evaluates them, so the change is announced on its day. The day is stored in
 * MongoDB, so it survives restarts. Once per cluster, not per replica: the instance that holds the job's lease
 * ({@link Lease}) runs it; one that paused past its lease and woke up asks again before each partnership, and its
 * writes are fenced by the evaluation's version (a later evaluation is never overwritten), so waking up late writes
 * and announces nothing new.
 */
@Component
@EnableConfigurationProperties(TimePassesSettings.class)
public class TimePasses {

    private static final Logger log = LoggerFactory.getLogger(TimePasses.class);

    private final AssessmentStore assessments;
    private final Evaluator evaluator;
    private final ServedGeneration served;
    private final Clock clock;
    private final Lease lease;
    private final TimePassesSettings settings;

    /** Partnerships whose evaluation day has passed without being evaluated: alerted on (k8s/monitoring). */
    private final AtomicLong overdue = new AtomicLong();
    private final Counter timed;

    public TimePasses(AssessmentStore assessments, Evaluator evaluator, ServedGeneration served, Generations generations, Clock clock,
                      TimePassesSettings settings, MeterRegistry meters, @Value("${spring.kafka.client-id:assessment}") String instance) {
        Gauge.builder("assessment.evaluations.overdue", overdue, AtomicLong::get)
                .description("partnerships whose next evaluation day is before today and still not evaluated").register(meters);
        this.timed = Counter.builder("assessment.evaluations.timed")
                .description("partnerships re-evaluated by this instance's time job (their day had come)").register(meters);
        this.assessments = assessments;
        this.evaluator = evaluator;
        this.served = served;
        this.clock = clock;
        this.settings = settings;
        // a restarted instance is another holder: it waits for its predecessor's lease like anyone else
        this.lease = new Lease(generations.database().getCollection("leases"), "time-passes",
                instance + "/" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Scheduled(fixedDelayString = "${datacollab.assessment.time-check:PT1M}", initialDelayString = "PT5S")
    public void evaluateDue() {
        OptionalLong epoch = lease.acquire(clock.instant(), settings.lease());
        if (epoch.isEmpty()) {
            overdue.set(0); // the holder reports them
            return;
        }
        for (String ref : assessments.due(evaluator.today())) {
            if (!lease.holds(epoch.getAsLong(), clock.instant())) {
                log.warn("the time job's lease (epoch {}) passed to another instance while it ran; it stops", epoch.getAsLong());
                return;
            }
            try {
                served.writing(() -> {
                    evaluator.evaluate(ref);
                    return null;
                });
                timed.increment();
            } catch (RuntimeException e) {
                log.warn("re-evaluation of {} failed; it stays due and is retried", ref, e);
            }
        }
        overdue.set(assessments.due(evaluator.today().minusDays(1)).size());
    }
}
