package org.datacollab.registry.processors;

import com.mongodb.client.model.Filters;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.datacollab.deadletter.DeadLetterLog;
import org.bson.types.Binary;
import org.datacollab.processors.LastErrors;
import org.datacollab.processors.Bounded;
import org.datacollab.processors.ProcessorSource;
import org.datacollab.processors.ProcessorStatus;
import org.datacollab.problem.Problem;
import org.datacollab.registry.eventstore.CommitToken;
import org.datacollab.registry.eventstore.PositionedEventStorageEngine;
import org.datacollab.registry.publishing.KafkaPublisher;
import org.datacollab.registry.readmodel.ReadModelProjector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's tracking processors for {@code /admin/processors}: publication to Kafka (its token claimed by one
 * instance) and the read models (each instance its own, in memory). Position and lag are in commits. Both may be
 * replayed: publication sends again what Kafka's consumers recognise by (ref, sequence number); the read models
 * rebuild this instance's search index.
 */
@Component
public class RegistryProcessors implements ProcessorSource {

    private static final Map<String, String> NOTES = Map.of(
            KafkaPublisher.PROCESSING_GROUP, "replay publishes again from the position (consumers recognise repeats by ref and sequence number); only the instance holding its token can",
            ReadModelProjector.PROCESSING_GROUP, "replay rebuilds this instance's search index from the store's start (decision 0023)");

    private final EventProcessingConfiguration processing;
    private final PositionedEventStorageEngine store;
    private final MongoTemplate mongo;
    private final Serializer serializer;
    private final LastErrors errors;
    private final ObjectProvider<DeadLetterLog> deadLetters;

    public RegistryProcessors(EventProcessingConfiguration processing, PositionedEventStorageEngine store, MongoTemplate axonMongoTemplate,
                              Serializer serializer, LastErrors errors, ObjectProvider<DeadLetterLog> deadLetters) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.store = store;
        this.mongo = axonMongoTemplate;
        this.serializer = serializer;
        this.errors = errors;
    }

    @Override
    public List<ProcessorStatus> processors() {
        return List.of(status(KafkaPublisher.PROCESSING_GROUP), status(ReadModelProjector.PROCESSING_GROUP));
    }

    @Override
    public ProcessorStatus replay(String name, Long fromPosition) {
        TrackingEventProcessor processor = processor(name);
        if (fromPosition != null && name.equals(ReadModelProjector.PROCESSING_GROUP)) {
            // a reset empties the in-memory index: replayed from a later position it would lose every partnership
            // formed before it (decision 0023)
            throw Problem.invalid("replay-from-start", "from", "The search index is rebuilt from the store's start; leave out 'from'.")
                    .exception();
        }
        if (processor.processingStatus().isEmpty() && name.equals(KafkaPublisher.PROCESSING_GROUP)) {
            throw Problem.conflict("processor-held-elsewhere", "name", "Another registry instance holds the token of '" + name
                    + "'; replay it there (GET /admin/processors on each instance says which runs it).").exception();
        }
        processor.shutDown();
        try {
            processor.resetTokens(fromPosition == null ? CommitToken.tail() : CommitToken.before(fromPosition));
        } finally {
            processor.start();
        }
        return status(name);
    }

    private ProcessorStatus status(String name) {
        TrackingEventProcessor processor = processor(name);
        Map<Integer, EventTrackerStatus> here = processor.processingStatus();
        Optional<CommitToken> token = here.isEmpty() ? stored(name)
                : here.values().stream().map(s -> commitToken(s.getTrackingToken())).filter(Objects::nonNull)
                .min(CommitToken::compareTo);
        long head = store.headPosition();
        long position = token.map(t -> t.commit() - 1).orElse(0L);
        Optional<Throwable> failing = here.values().stream().filter(EventTrackerStatus::isErrorState)
                .map(EventTrackerStatus::getError).filter(Objects::nonNull).findFirst();
        var last = errors.of(name);
        String lastError = failing.map(e -> e.getClass().getSimpleName() + ": " + e.getMessage())
                .orElse(last.map(LastErrors.LastError::message).orElse(null));
        // the publication's events set aside on registry.dead-letters (decision 0032)
        DeadLetterLog log = name.equals(KafkaPublisher.PROCESSING_GROUP) ? deadLetters.getIfAvailable() : null;
        Long setAside = log == null ? null : Bounded.orNull(() -> log.status().setAside());
        return new ProcessorStatus(name, "tracking-processor", "event store", !here.isEmpty(), position, head,
                Math.max(0, head - position), "commits", store.gapsPassed(), setAside, lastError,
                last.map(LastErrors.LastError::at).orElse(null), true, NOTES.get(name));
    }

    /** The token as stored, for a processor another instance runs (the token store's few documents, read as they are). */
    private Optional<CommitToken> stored(String name) {
        Document entry = mongo.trackingTokensCollection().find(Filters.eq("processorName", name)).first();
        if (entry == null || entry.get("token", Binary.class) == null) {
            return Optional.empty();
        }
        TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(entry.get("token", Binary.class).getData(),
                byte[].class, entry.getString("tokenType"), null));
        return Optional.ofNullable(commitToken(token));
    }

    private static CommitToken commitToken(TrackingToken token) {
        return WrappedToken.unwrapLowerBound(token) instanceof CommitToken commit ? commit : null;
    }

    private TrackingEventProcessor processor(String name) {
        return processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> Problem.notFound("unknown-processor", "name", "No processor named '" + name + "'.").exception());
    }
}
