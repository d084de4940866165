package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A partner holding DATA_PROVIDER delivered data. */
public record DataDelivered(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String provider,
        @JsonProperty(required = true) String dataset,
        Long records,
        Long bytes) implements PartnershipFact {
}
