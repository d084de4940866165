package org.datacollab.notification.delivery;

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

import java.time.Clock;
import java.util.List;

/**
 * The notification's consumer of {@code sustainability-risks} and its queue of deliveries for
 * {@code /admin/processors}. Neither is replayed: replaying the consumer would send delivered notifications
 * again; one delivery is sent again with {@code POST /deliveries/{id}/redeliver}.
 */
@Component
public class NotificationProcessors implements ProcessorSource {

    private final String group;
    private final KafkaConsumerProgress progress;
    private final ObjectProvider<DeadLetterLog> deadLetters;
    private final LastErrors errors;
    private final DeliveryStore deliveries;
    private final Clock clock;

    public NotificationProcessors(@Value("${datacollab.notification.group:notification}") String group, KafkaConsumerProgress progress,
                                  ObjectProvider<DeadLetterLog> deadLetters, LastErrors errors, DeliveryStore deliveries, Clock clock) {
        this.group = group;
        this.progress = progress;
        this.deadLetters = deadLetters;
        this.errors = errors;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @Override
    public List<ProcessorStatus> processors() {
        // figures that do not come within a few seconds are left out: the answer matters most when Kafka is slow
        KafkaConsumerProgress.Progress read = Bounded.orNull(() -> progress.of(group, Topics.SUSTAINABILITY_RISKS));
        DeadLetterLog log = deadLetters.getIfAvailable();
        Long setAside = log == null ? null : Bounded.orNull(() -> log.status().setAside());
        var last = errors.of(Topics.SUSTAINABILITY_RISKS);
        int due = deliveries.due(clock.instant()).size();
        return List.of(
                new ProcessorStatus(group, "kafka-consumer", Topics.SUSTAINABILITY_RISKS, true, read == null ? null : read.position(),
                        read == null ? null : read.head(), read == null ? null : read.lag(),
                        "records", null, setAside, last.map(LastErrors.LastError::message).orElse(null),
                        last.map(LastErrors.LastError::at).orElse(null), false,
                        "never replayed: it would send delivered notifications again; POST /deliveries/{id}/redeliver sends one again"),
                new ProcessorStatus("deliveries", "queue", "deliveries due", true, null, null, (long) due, "deliveries due now",
                        null, null, null, null, false, "attempts fall due by time; each is retried with backoff, then dead-lettered"));
    }

    @Override
    public ProcessorStatus replay(String name, Long fromPosition) {
        throw Problem.conflict("replay-unsafe", "name", "'" + name + "' is not replayed: replaying would send delivered notifications again;"
                + " POST /deliveries/{id}/redeliver sends one delivery again.").exception();
    }
}
