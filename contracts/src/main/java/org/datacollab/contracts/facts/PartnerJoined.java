package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An organization joined the partnership with its roles; an organization joins once. */
public record PartnerJoined(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Organization organization,
        @JsonProperty(required = true) @MaxItems(Limits.ROLES) List<Role> roles) implements PartnershipFact {
}
