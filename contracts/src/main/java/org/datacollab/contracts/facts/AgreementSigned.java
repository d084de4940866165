package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A data sharing agreement was signed; in force until it ends or through its validUntil day. */
public record AgreementSigned(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) String agreementId,
        @JsonProperty(required = true) List<String> parties,
        @JsonProperty(required = true) String purpose,
        @JsonProperty(required = true) List<String> permittedUses,
        @JsonProperty(required = true) Confidentiality confidentiality,
        @JsonProperty(required = true) DeliveryCadence deliveryCadence,
        LocalDate validUntil) implements PartnershipFact {
}
