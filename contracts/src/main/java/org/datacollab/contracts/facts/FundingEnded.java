package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A funding ended. */
public record FundingEnded(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String fundingId) implements PartnershipFact {
}
