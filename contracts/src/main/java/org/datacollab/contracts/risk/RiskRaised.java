package org.datacollab.contracts.risk;

import org.datacollab.contracts.vocabulary.RiskLevel;

import java.time.Instant;
import java.util.List;

/** A change of a partnership's current risk level: the level went up from NONE. */
public record RiskRaised(
        String ref,
        String name,
        String jurisdiction,
        List<String> organizations,
        String lead,
        String steward,
        RiskLevel from,
        RiskLevel to,
        int score,
        List<ActiveSignal> signals,
        List<Recommendation> recommendations,
        Instant changedAt) implements RiskChange {
}
