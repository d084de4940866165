package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A mechanism was applied, addressing zero or more open challenges by id. */
public record MechanismApplied(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Mechanism mechanism,
        @JsonProperty(required = true) @MaxItems(Limits.ITEMS) @MaxLength(Limits.REF) List<String> addresses,
        String note) implements PartnershipFact {
}
