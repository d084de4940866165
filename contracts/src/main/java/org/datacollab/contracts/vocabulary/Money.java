package org.datacollab.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.limits.MaxLength;

import java.math.BigDecimal;

/** An amount with its ISO 4217 currency. */
public record Money(@JsonProperty(required = true) BigDecimal value, @JsonProperty(required = true) @MaxLength(3) String currency) {
}
