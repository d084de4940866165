package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A driver pushing partners to share was observed (optionally for one organization). */
public record DriverObserved(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Driver driver,
        @MaxLength(Limits.REF) String organization,
        String note) implements PartnershipFact {
}
