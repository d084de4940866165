package org.datacollab.registry.publishing;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.datacollab.contracts.facts.RecordedFact;
import org.datacollab.deadletter.DeadLetterHandler;
import org.datacollab.registry.partnership.PartnershipService;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** A publication dead letter replayed: the event, read again from the store by its partnership and sequence number, is published now. */
@Component
public class PublicationReplay implements DeadLetterHandler {

    private final PartnershipService partnerships;
    private final KafkaPublisher publisher;

    public PublicationReplay(PartnershipService partnerships, KafkaPublisher publisher) {
        this.partnerships = partnerships;
        this.publisher = publisher;
    }

    @Override
    public void replay(ConsumerRecord<String, byte[]> letter) {
        Header sequence = letter.headers().lastHeader(PublicationDeadLetters.SEQUENCE_NUMBER);
        if (sequence == null) {
            throw new IllegalArgumentException("not a dead letter of the publication: it names no sequence number");
        }
        long number = Long.parseLong(new String(sequence.value(), StandardCharsets.UTF_8));
        List<RecordedFact> facts = partnerships.facts(letter.key()).block(Duration.ofSeconds(30));
        RecordedFact recorded = facts == null ? null : facts.stream().filter(f -> f.sequenceNumber() == number).findFirst().orElse(null);
        if (recorded == null) {
            throw new IllegalStateException("the store holds no #" + number + " of " + letter.key());
        }
        try {
            publisher.publishAgain(recorded);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
