package org.datacollab.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;

/** An amount with its ISO 4217 currency. */
public record Money(@JsonProperty(required = true) BigDecimal value, @JsonProperty(required = true) String currency) {
}
