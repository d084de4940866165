package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code lead} (a current partner) now holds LEAD and every other partner loses it; without lead, no partner holds LEAD. */
public record LeadershipChanged(
        @JsonProperty(required = true) Instant occurredAt,
        @MaxLength(Limits.REF) String lead) implements PartnershipFact {
}
