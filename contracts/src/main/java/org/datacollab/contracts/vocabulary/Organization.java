package org.datacollab.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An organization as a partnership knows it; facts name it by {@code ref}. Its sector may be unknown (a catalogue import). */
public record Organization(
        @JsonProperty(required = true) String ref,
        @JsonProperty(required = true) String name,
        Sector sector) {
}
