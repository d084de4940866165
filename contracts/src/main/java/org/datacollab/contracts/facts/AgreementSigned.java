package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A data sharing agreement was signed; in force until it ends or through its validUntil day. */
public record AgreementSigned(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String agreementId,
        @JsonProperty(required = true) @MaxItems(Limits.ITEMS) @MaxLength(Limits.REF) List<String> parties,
        @JsonProperty(required = true) String purpose,
        @JsonProperty(required = true) @MaxItems(50) @MaxLength(Limits.NAME) List<String> permittedUses,
        @JsonProperty(required = true) Confidentiality confidentiality,
        @JsonProperty(required = true) DeliveryCadence deliveryCadence,
        LocalDate validUntil) implements PartnershipFact {
}
