package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A current partner's roles were replaced. */
public record PartnerRolesChanged(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String organization,
        @JsonProperty(required = true) List<Role> roles) implements PartnershipFact {
}
