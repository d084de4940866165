package org.datacollab.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An organization as a partnership knows it; facts name it by {@code ref}. */
public record Organization(
        @JsonProperty(required = true) String ref,
        @JsonProperty(required = true) String name,
        @JsonProperty(required = true) Sector sector) {
}
