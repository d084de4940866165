package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A partnership was formed; it starts in FORMING. {@code organizations} is the directory of organizations its history names, in the order they were declared (may be empty). */
public record PartnershipFormed(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String ref,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) PartnershipModel model,
        @JsonProperty(required = true) Timeframe timeframe,
        @JsonProperty(required = true) String societalIssue,
        @JsonProperty(required = true) String intendedGoal,
        String jurisdiction,
        List<Organization> organizations) implements PartnershipFact {
}
