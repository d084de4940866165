package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A challenge was raised; {@code challengeId} is unique within the partnership. */
public record ChallengeRaised(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String challengeId,
        @JsonProperty(required = true) Challenge challenge,
        String note,
        String raisedBy) implements PartnershipFact {
}
