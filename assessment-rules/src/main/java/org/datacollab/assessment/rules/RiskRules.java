package org.datacollab.assessment.rules;

import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.vocabulary.*;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.datacollab.contracts.vocabulary.Phase.*;

/** The sustainability risk signals of DOMAIN.md section 5, evaluated on a fold at the end of one day. */
final class RiskRules {

    static final int DELIVERY_GAP_WEIGHT = 25;
    static final int DELIVERY_GAP_WEIGHT_SOCIETAL_SECTOR = 35;
    static final int UNADDRESSED_PER_CHALLENGE = 15;
    static final int UNADDRESSED_CAP = 30;
    /** The gaps a delivery cadence allows, in days (about twice the cadence); no agreement in force: 120. */
    static final int NO_AGREEMENT_GAP = 120;

    private static final Set<Phase> DELIVERING = EnumSet.of(OPERATING, SCALING, SUSTAINED);

    private RiskRules() {
    }

    static int allowedGap(DeliveryCadence cadence) {
        return switch (cadence) {
            case DAILY -> 2;
            case WEEKLY -> 14;
            case MONTHLY -> 62;
            case QUARTERLY -> 184;
            case YEARLY -> 730;
            case IRREGULAR -> 120;
            case ONE_OFF -> Integer.MAX_VALUE;
        };
    }

    /**
     * Active signals at the end of {@code day}, in alphabetical order; none once the partnership has ended, and
     * none while it is catalogued only (catalogue.md).
     */
    static List<ActiveSignal> evaluate(PartnershipFold p, LocalDate day) {
        List<ActiveSignal> active = new ArrayList<>();
        if (p.phase == ENDED || !p.monitored) {
            return active;
        }
        deliveryGap(p, day).ifPresent(active::add);
        providerAttrition(p, day).ifPresent(active::add);
        singleProvider(p).ifPresent(active::add);
        recruitmentStall(p, day).ifPresent(active::add);
        fundingCliff(p, day).ifPresent(active::add);
        leadershipGap(p).ifPresent(active::add);
        unaddressed(p, day).ifPresent(active::add);
        modelTypical(p, day).ifPresent(active::add);
        sharingWithoutAgreement(p, day).ifPresent(active::add);
        agreementExpiring(p, day).ifPresent(active::add);
        participationDilemma(p).ifPresent(active::add);
        challengeOverload(p, day).ifPresent(active::add);
        stagnation(p, day).ifPresent(active::add);
        active.sort(Comparator.comparing(ActiveSignal::name));
        return active;
    }

    static Optional<PartnershipFold.AgreementState> latestInForce(PartnershipFold p, LocalDate day) {
        return p.agreements.values().stream().filter(a -> a.inForceOn(day))
                .max(Comparator.comparing(PartnershipFold.AgreementState::signedOn)
                        .thenComparingInt(PartnershipFold.AgreementState::recordedIndex));
    }

    private static Optional<ActiveSignal> deliveryGap(PartnershipFold p, LocalDate day) {
        if (!DELIVERING.contains(p.phase) || p.lastDelivery == null) {
            return Optional.empty();
        }
        var agreement = latestInForce(p, day);
        int gap = agreement.map(a -> allowedGap(a.cadence())).orElse(NO_AGREEMENT_GAP);
        long days = Days.between(p.lastDelivery, day);
        if (days <= gap) {
            return Optional.empty();
        }
        int weight = p.model == PartnershipModel.SOCIETAL_SECTOR ? DELIVERY_GAP_WEIGHT_SOCIETAL_SECTOR : DELIVERY_GAP_WEIGHT;
        String basis = agreement.map(a -> "the " + a.cadence() + " cadence of agreement '" + a.agreementId() + "' allows " + gap)
                .orElse("with no agreement in force, " + gap + " are allowed");
        return signal(Signal.DELIVERY_GAP, weight, "No data delivered for " + days + " days (last on " + p.lastDelivery
                + "); " + basis + ".");
    }

    private static Optional<ActiveSignal> providerAttrition(PartnershipFold p, LocalDate day) {
        return p.providerDepartures.stream().filter(left -> Days.between(left, day) <= 180)
                .max(Comparator.naturalOrder())
                .map(left -> new ActiveSignal(Signal.PROVIDER_ATTRITION.name(), 20,
                        "A data provider left on " + left + ", within the last 180 days."));
    }

    private static Optional<ActiveSignal> singleProvider(PartnershipFold p) {
        if (p.providers() == 1 && (p.model == PartnershipModel.SOCIETAL_SECTOR || p.phase == SCALING)) {
            String why = p.phase == SCALING ? "while scaling" : "in a SOCIETAL_SECTOR partnership";
            return signal(Signal.SINGLE_PROVIDER_DEPENDENCY, 15, "Only one partner provides data " + why + ".");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> recruitmentStall(PartnershipFold p, LocalDate day) {
        if (p.phase != SCALING) {
            return Optional.empty();
        }
        LocalDate since = p.scalingStartedOn;
        if (p.lastProviderJoin != null && (since == null || p.lastProviderJoin.isAfter(since))) {
            since = p.lastProviderJoin;
        }
        if (since != null && Days.between(since, day) > 180) {
            return signal(Signal.RECRUITMENT_STALL, 20, "Scaling, but no data provider has joined for "
                    + Days.between(since, day) + " days (since " + since + ").");
        }
        List<String> recent = p.invitations.stream().filter(i -> Days.between(i.invitedOn(), day) <= 365)
                .map(PartnershipFold.Invitation::organization).distinct().toList();
        long declined = recent.stream().filter(p.declined::contains).count();
        if (!recent.isEmpty() && declined * 2 >= recent.size()) {
            return signal(Signal.RECRUITMENT_STALL, 20, declined + " of the " + recent.size()
                    + " organizations invited in the last 365 days declined.");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> fundingCliff(PartnershipFold p, LocalDate day) {
        boolean hadFunding = p.fundings.values().stream().anyMatch(f -> !f.securedOn().isAfter(day));
        if (!hadFunding) {
            return Optional.empty();
        }
        List<PartnershipFold.FundingState> active = p.fundings.values().stream().filter(f -> f.activeOn(day)).toList();
        if (active.isEmpty()) {
            return signal(Signal.FUNDING_CLIFF, 20, "The partnership has had funding and none is active now.");
        }
        boolean allEndSoon = active.stream().allMatch(f -> f.until() != null && Days.between(day, f.until()) <= 90);
        if (allEndSoon) {
            LocalDate last = active.stream().map(PartnershipFold.FundingState::until).max(Comparator.naturalOrder()).orElseThrow();
            return signal(Signal.FUNDING_CLIFF, 20, "Every active funding ends within 90 days (the last on " + last + ").");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> leadershipGap(PartnershipFold p) {
        if (p.phase != FORMING && !p.holdsLead()) {
            return signal(Signal.LEADERSHIP_GAP, 20, "No partner holds LEAD.");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> unaddressed(PartnershipFold p, LocalDate day) {
        List<String> ids = p.challenges.values().stream()
                .filter(c -> c.openOn(day) && Days.between(c.raisedOn(), day) > 90 && c.mechanisms().isEmpty())
                .map(PartnershipFold.ChallengeState::challengeId).toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        int weight = Math.min(UNADDRESSED_CAP, UNADDRESSED_PER_CHALLENGE * ids.size());
        return signal(Signal.UNADDRESSED_CHALLENGE, weight, ids.size() == 1
                ? "Challenge '" + ids.getFirst() + "' has been open over 90 days and no mechanism has addressed it."
                : ids.size() + " challenges (" + String.join(", ", ids) + ") have been open over 90 days and no mechanism has addressed them.");
    }

    /** An unclassified partnership has no model-typical challenge (catalogue.md). */
    private static Optional<ActiveSignal> modelTypical(PartnershipFold p, LocalDate day) {
        if (p.unclassified()) {
            return Optional.empty();
        }
        ModelProfile profile = ModelProfile.of(p.model);
        List<String> ids = p.challenges.values().stream()
                .filter(c -> c.openOn(day) && profile.challenges().contains(c.challenge()) && Days.between(c.raisedOn(), day) > 30)
                .map(c -> c.challengeId() + " (" + c.challenge() + ")").toList();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return signal(Signal.MODEL_TYPICAL_CHALLENGE_OPEN, 10, "A challenge typical of " + p.model
                + " partnerships has been open over 30 days: " + String.join(", ", ids) + ".");
    }

    private static Optional<ActiveSignal> sharingWithoutAgreement(PartnershipFold p, LocalDate day) {
        if (p.firstDelivery != null && p.agreements.values().stream().noneMatch(a -> a.inForceOn(day))) {
            return signal(Signal.SHARING_WITHOUT_AGREEMENT, 15, "Data has been delivered but no data sharing agreement is in force.");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> agreementExpiring(PartnershipFold p, LocalDate day) {
        return p.agreements.values().stream()
                .filter(a -> a.inForceOn(day) && a.validUntil() != null && Days.between(day, a.validUntil()) <= 60)
                .min(Comparator.comparing(PartnershipFold.AgreementState::validUntil))
                .map(a -> new ActiveSignal(Signal.AGREEMENT_EXPIRING.name(), 10, "Agreement '" + a.agreementId()
                        + "' expires on " + a.validUntil() + ", within 60 days."));
    }

    private static Optional<ActiveSignal> participationDilemma(PartnershipFold p) {
        List<String> holding = p.participation.values().stream()
                .filter(a -> p.partners.containsKey(a.organization()) && Participation.of(a, null).dilemma())
                .map(a -> a.organization()).toList();
        if (holding.isEmpty()) {
            return Optional.empty();
        }
        return signal(Signal.PARTICIPATION_DILEMMA, 15, "Likely to hold back or leave (willingness below 0): "
                + String.join(", ", holding) + ".");
    }

    private static Optional<ActiveSignal> challengeOverload(PartnershipFold p, LocalDate day) {
        Set<ChallengeCategory> covered = EnumSet.noneOf(ChallengeCategory.class);
        p.challenges.values().stream().filter(c -> c.openOn(day)).forEach(c -> covered.addAll(c.challenge().categories()));
        if (covered.containsAll(EnumSet.allOf(ChallengeCategory.class))) {
            return signal(Signal.CHALLENGE_OVERLOAD, 15, "Open challenges are regulatory, organizational and data-related at once.");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> stagnation(PartnershipFold p, LocalDate day) {
        long days = Days.between(p.lastFactOn, day);
        if (days > 180) {
            return signal(Signal.STAGNATION, 15, "Nothing has been recorded for " + days + " days (last on " + p.lastFactOn + ").");
        }
        return Optional.empty();
    }

    private static Optional<ActiveSignal> signal(Signal signal, int weight, String explanation) {
        return Optional.of(new ActiveSignal(signal.name(), weight, explanation));
    }
}
