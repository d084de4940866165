package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The phase changed: by the registry itself (AGREED, OPERATING) or on a user's request. */
public record PhaseChanged(
        @JsonProperty(required = true) Instant occurredAt,
        Phase from,
        @JsonProperty(required = true) Phase to,
        String reason) implements PartnershipFact {
}
