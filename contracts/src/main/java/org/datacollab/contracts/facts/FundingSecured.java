package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Funding was secured; active until FundingEnded or through its until day. */
public record FundingSecured(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String fundingId,
        @JsonProperty(required = true) @MaxLength(Limits.NAME) String funder,
        Money amount,
        LocalDate until) implements PartnershipFact {
}
