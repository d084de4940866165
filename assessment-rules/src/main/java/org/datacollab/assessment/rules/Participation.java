package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.ParticipationAssessed;

import java.time.LocalDate;

/**
 * Seed 004's five dimensions, operationalised (DOMAIN.md section 5): willingness = pull + (support - 3) / 2 - push;
 * below 0 is a participation dilemma.
 */
public record Participation(String organization, LocalDate assessedOn, double support, double pull, double push,
                            double willingness, boolean dilemma) {

    public static Participation of(ParticipationAssessed a, LocalDate assessedOn) {
        double support = (a.businessCollaboration() + a.collaborationExperience() + a.collaborativeStructure()
                + a.dataQuality() + a.measurability() + (6 - a.assetSpecificity())) / 6.0;
        double pull = (a.collectiveBenefit() + a.selectiveBenefit()) / 2.0;
        double push = (a.distributionRisk() + a.coordinationRisk() + a.coordinationCost() + a.executionCost()) / 4.0;
        double willingness = pull + (support - 3) / 2 - push;
        return new Participation(a.organization(), assessedOn, round(support), round(pull), round(push),
                round(willingness), willingness < 0);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
