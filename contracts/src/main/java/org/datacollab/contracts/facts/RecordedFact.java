package org.datacollab.contracts.facts;

import java.time.Instant;

/**
 * A fact as the registry recorded it: which partnership, its position in that partnership's history
 * ({@code sequenceNumber}, from 0 for PartnershipFormed), the event's id and when it was recorded.
 */
public record RecordedFact(String eventId, String ref, long sequenceNumber, Instant recordedAt, PartnershipFact fact) {
}
