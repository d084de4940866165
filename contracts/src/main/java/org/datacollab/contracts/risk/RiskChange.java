package org.datacollab.contracts.risk;

import org.datacollab.contracts.vocabulary.RiskLevel;

import java.time.Instant;
import java.util.List;

/**
 * A change of a partnership's current sustainability risk level (DOMAIN.md section 5), published on
 * {@code sustainability-risks}. {@code organizations} are the current partners' refs, {@code lead} the LEAD's ref
 * (if any) and {@code steward} the steward organization's ref (decision 0008; absent in changes announced before
 * decision 0016), so that subscribers can match portfolios and decide who may act on a change without asking the
 * registry.
 */
public sealed interface RiskChange permits RiskRaised, RiskEscalated, RiskLowered, RiskCleared {

    String ref();

    String name();

    String jurisdiction();

    List<String> organizations();

    String lead();

    String steward();

    RiskLevel from();

    RiskLevel to();

    int score();

    List<ActiveSignal> signals();

    List<Recommendation> recommendations();

    Instant changedAt();

    default String changeName() {
        return getClass().getSimpleName();
    }

    /** A change without a steward named (tests, benchmarks; changes announced before decision 0016 read this way). */
    static RiskChange between(String ref, String name, String jurisdiction, List<String> organizations, String lead,
                              RiskLevel from, RiskLevel to, int score, List<ActiveSignal> signals,
                              List<Recommendation> recommendations, Instant changedAt) {
        return between(ref, name, jurisdiction, organizations, lead, null, from, to, score, signals, recommendations, changedAt);
    }

    /** The one risk change a move from {@code from} to {@code to} publishes, or null when the level did not change. */
    static RiskChange between(String ref, String name, String jurisdiction, List<String> organizations, String lead, String steward,
                              RiskLevel from, RiskLevel to, int score, List<ActiveSignal> signals,
                              List<Recommendation> recommendations, Instant changedAt) {
        int direction = Integer.compare(to.ordinal(), from.ordinal());
        if (direction > 0 && from == RiskLevel.NONE) {
            return new RiskRaised(ref, name, jurisdiction, organizations, lead, steward, from, to, score, signals, recommendations, changedAt);
        }
        if (direction > 0) {
            return new RiskEscalated(ref, name, jurisdiction, organizations, lead, steward, from, to, score, signals, recommendations, changedAt);
        }
        if (direction < 0 && to != RiskLevel.NONE) {
            return new RiskLowered(ref, name, jurisdiction, organizations, lead, steward, from, to, score, signals, recommendations, changedAt);
        }
        if (direction < 0) {
            return new RiskCleared(ref, name, jurisdiction, organizations, lead, steward, from, to, score, signals, recommendations, changedAt);
        }
        return null;
    }
}
