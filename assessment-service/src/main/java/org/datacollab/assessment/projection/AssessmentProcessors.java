package org.datacollab.assessment.projection;

import org.datacollab.contracts.json.Topics;
import org.datacollab.deadletter.DeadLetterLog;
import org.datacollab.problem.Problem;
import org.datacollab.processors.Bounded;
import org.datacollab.processors.KafkaConsumerProgress;
import org.datacollab.processors.LastErrors;
import org.datacollab.processors.ProcessorSource;
import org.datacollab.processors.ProcessorStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The assessment's consumer of {@code partnership-events} for {@code /admin/processors}: the group's committed
 * records against the topic's end (whichever instance is asked), the records it set aside, its last error here.
 * Replaying it is the rebuild: every projection read again from the topic's start into a new generation while
 * the current one serves, announcing nothing twice.
 */
@Component
public class AssessmentProcessors implements ProcessorSource {

    private final String group;
    private final KafkaConsumerProgress progress;
    private final ObjectProvider<DeadLetterLog> deadLetters;
    private final LastErrors errors;
    private final Rebuild rebuild;

    public AssessmentProcessors(@Value("${datacollab.assessment.group:assessment}") String group, KafkaConsumerProgress progress,
                                ObjectProvider<DeadLetterLog> deadLetters, LastErrors errors, Rebuild rebuild) {
        this.group = group;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.errors = errors;
        this.rebuild = rebuild;
    }

    @Override
    public List<ProcessorStatus> processors() {
        // figures that do not come within a few seconds are left out: the answer matters most when Kafka is slow
        KafkaConsumerProgress.Progress read = Bounded.orNull(() -> progress.of(group, Topics.PARTNERSHIP_EVENTS));
        DeadLetterLog log = deadLetters.getIfAvailable();
        Long setAside = log == null ? null : Bounded.orNull(() -> log.status().setAside());
        var last = errors.of(Topics.PARTNERSHIP_EVENTS);
        Rebuild.Progress rebuilding = rebuild.progress();
        return List.of(new ProcessorStatus(group, "kafka-consumer", Topics.PARTNERSHIP_EVENTS, true, read == null ? null : read.position(),
                read == null ? null : read.head(), read == null ? null : read.lag(), "records", null, setAside,
                last.map(LastErrors.LastError::message).orElse(null), last.map(LastErrors.LastError::at).orElse(null), true,
                "replay rebuilds every projection from the topic's start into a new generation, then switches (rebuild: "
                        + rebuilding.state() + ")"));
    }

    @Override
    public ProcessorStatus replay(String name, Long fromPosition) {
        if (fromPosition != null) {
            throw Problem.invalid("replay-from-start", "from", "The assessment's projections are rebuilt from the topic's start; leave out 'from'.")
                    .exception();
        }
        if (!rebuild.start()) {
            throw Problem.conflict("rebuild-running", "name", "A rebuild is already running (GET /admin/rebuild shows its progress).").exception();
        }
        return processors().getFirst();
    }
}
