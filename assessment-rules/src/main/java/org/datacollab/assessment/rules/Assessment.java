package org.datacollab.assessment.rules;

import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.risk.Recommendation;
import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.Mechanism;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.RiskLevel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A partnership's assessment at the end of {@code asOf} (DOMAIN.md section 5). {@code declaredModel} is null for
 * an unclassified partnership ({@code unclassified} true); {@code cataloguedOnly} is true while a partnership a
 * catalogue import formed has no recorded life (no risk, catalogue.md); {@code notes} say so in words.
 */
public record Assessment(
        String ref,
        LocalDate asOf,
        Phase phase,
        PartnershipModel declaredModel,
        int score,
        RiskLevel level,
        List<ActiveSignal> signals,
        ModelFit modelFit,
        List<OpenChallenge> openChallenges,
        List<Participation> participation,
        List<String> partners,
        String lead,
        boolean unclassified,
        boolean cataloguedOnly,
        List<String> notes) {

    public record ModelFit(Map<PartnershipModel, Double> shares, PartnershipModel bestFit, boolean differsFromDeclared) {
    }

    public record OpenChallenge(String challengeId, Challenge challenge, LocalDate raisedOn, long daysOpen,
                                List<String> categories, List<Mechanism> recommendations) {
    }

    public List<Recommendation> recommendations() {
        return openChallenges.stream().map(c -> new Recommendation(c.challengeId(), c.challenge(), c.recommendations())).toList();
    }

    /** A level and the lowest score that has it. */
    public record Threshold(RiskLevel level, int from) {
    }

    /**
     * The levels by score (DOMAIN.md section 5), highest first: the one place they are written down. The API serves
     * them (GET /levels), so that the dashboard draws its bands from them instead of repeating the numbers.
     */
    public static final List<Threshold> THRESHOLDS = List.of(new Threshold(RiskLevel.CRITICAL, 75),
            new Threshold(RiskLevel.HIGH, 50), new Threshold(RiskLevel.MEDIUM, 30), new Threshold(RiskLevel.LOW, 10),
            new Threshold(RiskLevel.NONE, 0));

    public static RiskLevel level(int score) {
        return THRESHOLDS.stream().filter(t -> score >= t.from()).findFirst().map(Threshold::level).orElse(RiskLevel.NONE);
    }
}
