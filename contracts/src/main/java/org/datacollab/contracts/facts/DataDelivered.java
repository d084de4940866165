package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A partner holding DATA_PROVIDER delivered data. */
public record DataDelivered(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String provider,
        @JsonProperty(required = true) @MaxLength(Limits.NAME) String dataset,
        Long records,
        Long bytes) implements PartnershipFact {
}
