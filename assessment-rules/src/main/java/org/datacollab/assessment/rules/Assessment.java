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

    public static RiskLevel level(int score) {
        if (score >= 75) {
            return RiskLevel.CRITICAL;
        }
        if (score >= 50) {
            return RiskLevel.HIGH;
        }
        if (score >= 30) {
            return RiskLevel.MEDIUM;
        }
        if (score >= 10) {
            return RiskLevel.LOW;
        }
        return RiskLevel.NONE;
    }
}
