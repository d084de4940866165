package org.datacollab.contracts.facts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.datacollab.contracts.vocabulary.*;
import org.datacollab.contracts.limits.Limits;
import org.datacollab.contracts.limits.MaxItems;
import org.datacollab.contracts.limits.MaxLength;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A partnership was formed; it starts in FORMING. {@code organizations} is the directory of organizations its
 * history names, in the order they were declared (may be empty). A partnership formed without a model is
 * unclassified until {@link ModelReclassified} gives it one; {@code catalogued} is true when a catalogue import
 * formed it (catalogue.md: it carries no risk until its life is recorded).
 */
public record PartnershipFormed(
        @JsonProperty(required = true) Instant occurredAt,
        @JsonProperty(required = true) @MaxLength(Limits.REF) String ref,
        @JsonProperty(required = true) @MaxLength(Limits.NAME) String name,
        PartnershipModel model,
        Timeframe timeframe,
        String societalIssue,
        String intendedGoal,
        @MaxLength(Limits.REF) String jurisdiction,
        @MaxItems(Limits.ORGANIZATIONS) List<Organization> organizations,
        Boolean catalogued) implements PartnershipFact {

    /** Formed by hand or by a history import (not by a catalogue import). */
    public PartnershipFormed(Instant occurredAt, String ref, String name, PartnershipModel model, Timeframe timeframe,
                             String societalIssue, String intendedGoal, String jurisdiction, List<Organization> organizations) {
        this(occurredAt, ref, name, model, timeframe, societalIssue, intendedGoal, jurisdiction, organizations, null);
    }

    /** Whether a catalogue import formed it. */
    public boolean formedByCatalogue() {
        return Boolean.TRUE.equals(catalogued);
    }
}
