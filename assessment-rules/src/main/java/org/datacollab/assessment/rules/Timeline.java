package org.datacollab.assessment.rules;

import org.datacollab.contracts.vocabulary.Challenge;
import org.datacollab.contracts.vocabulary.Mechanism;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A partnership's timeline (DOMAIN.md section 5): its facts in timeline order grouped into the phases they fell
 * in; each challenge from raise through the mechanisms applied to it to its resolution; the open challenges by
 * category at every day the count changes; and each day the best-fitting model changed.
 */
public record Timeline(String ref, LocalDate asOf, List<PhaseSpan> phases, List<ChallengeSpan> challenges,
                       List<OpenByCategory> openChallengesByCategory, List<ModelFitChange> modelFitHistory,
                       List<DriverMark> drivers, List<LocalDate> deliveries) {

    /** A phase from its first day to the day before the next phase began (null while it lasts), with its facts. */
    public record PhaseSpan(Phase phase, LocalDate from, LocalDate to, List<Entry> facts) {
    }

    public record Entry(LocalDate on, String fact, String summary) {
    }

    public record ChallengeSpan(String challengeId, Challenge challenge, List<String> categories, LocalDate raisedOn,
                                List<MechanismMark> mechanisms, LocalDate resolvedOn, Long daysToResolution) {
    }

    public record MechanismMark(Mechanism mechanism, LocalDate on) {
    }

    public record OpenByCategory(LocalDate on, Map<String, Integer> open) {
    }

    public record ModelFitChange(LocalDate on, PartnershipModel declared, PartnershipModel bestFit,
                                 Map<PartnershipModel, Double> shares) {
    }

    public record DriverMark(LocalDate on, String driver, String organization) {
    }
}
