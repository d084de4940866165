package org.datacollab.registry.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The registry's bounds beyond those of each field (docs/problems.md, decision 0030).
 *
 * @param eventSize    the largest event (CloudEvent and key) a fact may make: what {@code partnership-events} takes with
 *                     room to spare (Kafka's default message limit is 1 MiB); a larger fact is refused with 413
 *                     event-size before it is recorded, so that publication never meets a record it cannot send
 * @param historyFacts the most entries one imported history may hold (413 history-size beyond)
 * @param historyBytes the largest imported history document (413 body-size beyond): one commit of the event store,
 *                     which must fit a MongoDB document (16 MB) with the events' metadata
 * @param importLines  the most histories one NDJSON import may hold (413 import-size beyond)
 */
@ConfigurationProperties("datacollab.registry.limits")
public record RegistryLimits(@DefaultValue("960KB") DataSize eventSize,
                             @DefaultValue("2000") int historyFacts,
                             @DefaultValue("4MB") DataSize historyBytes,
                             @DefaultValue("1000") int importLines) {
}
