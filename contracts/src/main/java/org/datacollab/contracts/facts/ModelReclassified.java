package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The partnership now declares another model; the new model drives weights, model-typical challenges, recommendation order and best-fit ties. */
public record ModelReclassified(
        @JsonProperty(required = true) Instant occurredAt,
        PartnershipModel from,
        @JsonProperty(required = true) PartnershipModel to,
        String reason) implements PartnershipFact {
}
