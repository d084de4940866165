package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The partnership ended; nothing but reading is possible after. */
public record PartnershipEnded(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Outcome outcome,
        String note) implements PartnershipFact {
}
