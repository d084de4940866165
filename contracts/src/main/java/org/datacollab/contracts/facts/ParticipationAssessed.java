package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An organization's participation was assessed on seed 004's five dimensions, each score 1..5. */
public record ParticipationAssessed(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String organization,
        @JsonProperty(required = true) int collectiveBenefit,
        @JsonProperty(required = true) int selectiveBenefit,
        @JsonProperty(required = true) int distributionRisk,
        @JsonProperty(required = true) int coordinationRisk,
        @JsonProperty(required = true) int coordinationCost,
        @JsonProperty(required = true) int executionCost,
        @JsonProperty(required = true) int businessCollaboration,
        @JsonProperty(required = true) int collaborationExperience,
        @JsonProperty(required = true) int collaborativeStructure,
        @JsonProperty(required = true) int dataQuality,
        @JsonProperty(required = true) int measurability,
        @JsonProperty(required = true) int assetSpecificity) implements PartnershipFact {
}
