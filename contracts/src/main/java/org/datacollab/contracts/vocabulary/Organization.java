package org.datacollab.contracts.vocabulary;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxLength;

/** An organization as a partnership knows it; facts name it by {@code ref}. Its sector may be unknown (a catalogue import). */
public record Organization(
        @JsonProperty(required = true) @MaxLength(Limits.REF) String ref,
        @JsonProperty(required = true) @MaxLength(Limits.NAME) String name,
        Sector sector) {
}
