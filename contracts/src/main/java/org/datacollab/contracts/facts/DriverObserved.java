package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A driver pushing partners to share was observed (optionally for one organization). */
public record DriverObserved(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Driver driver,
        String organization,
        String note) implements PartnershipFact {
}
