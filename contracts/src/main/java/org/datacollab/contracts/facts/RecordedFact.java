package org.datacollab.contracts.facts;

import java.time.Instant;

/**
 * A fact as the registry recorded it: which partnership, its position in that partnership's history
 * ({@code sequenceNumber}, from 0 for PartnershipFormed), the event's id, when it was recorded, and its place
 * in the commit that recorded it (a request or an imported history records several facts at once), and the
 * organization whose API key recorded it ({@code recordedBy}; the recorder of PartnershipFormed is the
 * partnership's steward, docs/decisions/0008).
 */
public record RecordedFact(String eventId, String ref, long sequenceNumber, Instant recordedAt, PartnershipFact fact,
                           int commitIndex, int commitSize, String recordedBy) {

    /** Without the recording organization (recorded by the system itself, or before it was kept). */
    public RecordedFact(String eventId, String ref, long sequenceNumber, Instant recordedAt, PartnershipFact fact,
                        int commitIndex, int commitSize) {
        this(eventId, ref, sequenceNumber, recordedAt, fact, commitIndex, commitSize, null);
    }

    public RecordedFact(String eventId, String ref, long sequenceNumber, Instant recordedAt, PartnershipFact fact) {
        this(eventId, ref, sequenceNumber, recordedAt, fact, 0, 1);
    }

    /** Whether this is the last fact of its commit: the moment the partnership's state is whole again. */
    public boolean endsCommit() {
        return commitIndex >= commitSize - 1;
    }
}
