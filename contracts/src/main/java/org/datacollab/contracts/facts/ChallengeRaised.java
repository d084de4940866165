package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A challenge was raised; {@code challengeId} is unique within the partnership. */
public record ChallengeRaised(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String challengeId,
        @JsonProperty(required = true) Challenge challenge,
        String note,
        @MaxLength(Limits.REF) String raisedBy) implements PartnershipFact {
}
