package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;

import java.util.List;

/**
 * What one row of a catalogue import comes to (catalogue.md): each row is its own unit of work.
 * {@link Skip}: a legend within the data; {@link Reject}: an error, nothing recorded; {@link Create}: a new
 * entry's facts (formation first); {@link Update}: the facts to record for an entry that exists (none when the
 * row changes nothing).
 */
public sealed interface RowPlan {

    int row();

    List<Warning> warnings();

    record Skip(int row) implements RowPlan {
        @Override
        public List<Warning> warnings() {
            return List.of();
        }
    }

    /** A row error: the rule broken, the column (as the file names it) or field at fault, and why. */
    record Reject(int row, String ref, String rule, String field, String message, List<Warning> warnings) implements RowPlan {
    }

    record Create(int row, String ref, PartnershipFormed formed, List<PartnershipFact> facts, List<Warning> warnings)
            implements RowPlan {
    }

    record Update(int row, String ref, List<PartnershipFact> facts, List<Warning> warnings) implements RowPlan {
    }
}
