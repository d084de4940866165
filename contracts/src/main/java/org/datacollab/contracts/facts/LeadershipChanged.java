package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** {@code lead} (a current partner) now holds LEAD and every other partner loses it; without lead, no partner holds LEAD. */
public record LeadershipChanged(
        @JsonProperty(required = true) Instant occurredAt,
        String lead) implements PartnershipFact {
}
