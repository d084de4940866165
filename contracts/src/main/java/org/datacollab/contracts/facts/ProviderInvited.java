package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** An organization was invited to join as a data provider. */
public record ProviderInvited(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) Organization organization) implements PartnershipFact {
}
