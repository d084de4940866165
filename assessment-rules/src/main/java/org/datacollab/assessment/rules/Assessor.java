package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.risk.ActiveSignal;
import org.datacollab.contracts.vocabulary.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.*;

/**
 * DOMAIN.md section 5 as pure functions of (history, asOf). The history is a partnership's facts in the
 * order they were recorded, formation first; the timeline orders them by UTC date, then by recording order.
 */
public final class Assessor {

    private Assessor() {
    }

    /** The assessment at the end of {@code asOf}. */
    public static Assessment assess(List<PartnershipFact> history, LocalDate asOf) {
        PartnershipFold fold = new PartnershipFold();
        timeline(history).stream().filter(f -> !Days.date(f.occurredAt()).isAfter(asOf)).forEach(fold::apply);
        if (fold.formed == null) {
            throw new IllegalArgumentException("the partnership was not formed by " + asOf);
        }
        return assessment(fold, asOf);
    }

    /** The level at formation, then each day up to {@code until} on which the level differs from the day before. */
    public static List<RiskHistoryEntry> riskHistory(List<PartnershipFact> history, LocalDate until) {
        List<PartnershipFact> ordered = timeline(history);
        PartnershipFold fold = new PartnershipFold();
        List<RiskHistoryEntry> entries = new ArrayList<>();
        int next = 0;
        for (LocalDate day : candidateDays(ordered)) {
            if (day.isAfter(until)) {
                break;
            }
            while (next < ordered.size() && !Days.date(ordered.get(next).occurredAt()).isAfter(day)) {
                fold.apply(ordered.get(next++));
            }
            if (fold.formed == null) {
                continue;
            }
            List<ActiveSignal> signals = RiskRules.evaluate(fold, day);
            int score = score(signals);
            RiskLevel level = Assessment.level(score);
            if (entries.isEmpty() || entries.getLast().level() != level) {
                entries.add(new RiskHistoryEntry(day, level, score, signals.stream().map(ActiveSignal::name).toList()));
            }
        }
        return entries;
    }

    /**
     * The first day after {@code day} on which the active signals change with no new fact (a timed signal starts
     * or stops): when to evaluate the partnership again. Empty when nothing changes without a new fact.
     */
    public static Optional<LocalDate> nextComputableDay(List<PartnershipFact> history, LocalDate day) {
        List<PartnershipFact> ordered = timeline(history);
        PartnershipFold fold = new PartnershipFold();
        int next = 0;
        while (next < ordered.size() && !Days.date(ordered.get(next).occurredAt()).isAfter(day)) {
            fold.apply(ordered.get(next++));
        }
        if (fold.formed == null || fold.phase == Phase.ENDED) {
            return Optional.empty();
        }
        List<ActiveSignal> now = RiskRules.evaluate(fold, day);
        for (LocalDate candidate : candidateDays(ordered).tailSet(day, false)) {
            while (next < ordered.size() && !Days.date(ordered.get(next).occurredAt()).isAfter(candidate)) {
                fold.apply(ordered.get(next++));
            }
            if (!sameSignals(now, RiskRules.evaluate(fold, candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static boolean sameSignals(List<ActiveSignal> a, List<ActiveSignal> b) {
        return a.stream().map(s -> s.name() + s.weight()).toList().equals(b.stream().map(s -> s.name() + s.weight()).toList());
    }

    static List<PartnershipFact> timeline(List<PartnershipFact> history) {
        List<PartnershipFact> ordered = new ArrayList<>(history);
        // a stable sort: facts of the same date keep the order they were recorded in
        ordered.sort(Comparator.comparing(f -> Days.date(f.occurredAt())));
        return ordered;
    }

    /** The days on which some signal may start or stop: fact days and the computable instants they imply. */
    static NavigableSet<LocalDate> candidateDays(List<PartnershipFact> ordered) {
        NavigableSet<LocalDate> days = new TreeSet<>();
        for (PartnershipFact fact : ordered) {
            LocalDate on = Days.date(fact.occurredAt());
            days.add(on);
            days.add(on.plusDays(181));
            switch (fact) {
                case ChallengeRaised f -> {
                    days.add(on.plusDays(31));
                    days.add(on.plusDays(91));
                }
                case DataDelivered f -> {
                    for (DeliveryCadence cadence : DeliveryCadence.values()) {
                        int gap = RiskRules.allowedGap(cadence);
                        if (gap != Integer.MAX_VALUE) {
                            days.add(on.plusDays(gap + 1L));
                        }
                    }
                }
                case ProviderInvited f -> days.add(on.plusDays(366));
                case AgreementSigned f when f.validUntil() != null -> {
                    days.add(f.validUntil().plusDays(1));
                    days.add(f.validUntil().minusDays(60));
                }
                case FundingSecured f when f.until() != null -> {
                    days.add(f.until().plusDays(1));
                    days.add(f.until().minusDays(90));
                }
                default -> { }
            }
        }
        return days;
    }

    private static Assessment assessment(PartnershipFold fold, LocalDate asOf) {
        List<ActiveSignal> signals = RiskRules.evaluate(fold, asOf);
        int score = score(signals);
        List<Assessment.OpenChallenge> open = fold.challenges.values().stream()
                .filter(c -> c.openOn(asOf))
                .map(c -> new Assessment.OpenChallenge(c.challengeId(), c.challenge(), c.raisedOn(),
                        Days.between(c.raisedOn(), asOf),
                        c.challenge().categories().stream().map(Enum::name).sorted().toList(),
                        recommendations(fold.model, c)))
                .toList();
        List<Participation> participation = fold.participation.values().stream()
                .map(a -> Participation.of(a, fold.participationOn.get(a.organization()))).toList();
        String lead = fold.partners.entrySet().stream().filter(e -> e.getValue().contains(Role.LEAD))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        return new Assessment(fold.formed.ref(), asOf, fold.phase, fold.model, score, Assessment.level(score), signals,
                modelFit(fold), open, participation, List.copyOf(fold.partners.keySet()), lead,
                fold.unclassified(), !fold.monitored, notes(fold));
    }

    /** What a person should know about how the rules were read for this partnership. */
    private static List<String> notes(PartnershipFold fold) {
        List<String> notes = new ArrayList<>();
        if (!fold.monitored) {
            notes.add("Catalogued only: a catalogue import formed this partnership and nothing of its life has been"
                    + " recorded yet, so it carries no risk; the first fact recorded starts its monitoring.");
        }
        if (fold.unclassified()) {
            notes.add("Unclassified: the partnership declares no model, so no challenge is model-typical,"
                    + " recommendations follow the mechanism table's order and a model-fit tie goes to the first of"
                    + " RESOURCE_DEPENDENCE, SOCIAL_ISSUE, SOCIETAL_SECTOR.");
        }
        return notes;
    }

    static int score(List<ActiveSignal> signals) {
        return Math.min(100, signals.stream().mapToInt(ActiveSignal::weight).sum());
    }

    /**
     * Mechanisms whose addresses name the challenge: the declared model's typical first, then the rest, minus those
     * applied; an unclassified partnership (declared null) has no typical group, so all follow the table's order.
     */
    static List<Mechanism> recommendations(PartnershipModel declared, PartnershipFold.ChallengeState challenge) {
        List<Mechanism> typical = new ArrayList<>();
        List<Mechanism> others = new ArrayList<>();
        for (Mechanism mechanism : Mechanism.values()) {
            if (!mechanism.addresses().contains(challenge.challenge()) || challenge.mechanisms().contains(mechanism)) {
                continue;
            }
            boolean typicalOfDeclared = declared != null && mechanism.typicalOf().filter(declared::equals).isPresent();
            (typicalOfDeclared ? typical : others).add(mechanism);
        }
        typical.addAll(others);
        return typical;
    }

    static Assessment.ModelFit modelFit(PartnershipFold fold) {
        List<Enum<?>> observed = new ArrayList<>();
        observed.addAll(fold.drivers);
        observed.addAll(fold.challengeTypes);
        observed.addAll(fold.mechanisms);
        Map<PartnershipModel, Double> shares = new EnumMap<>(PartnershipModel.class);
        Map<PartnershipModel, Long> counts = new EnumMap<>(PartnershipModel.class);
        for (PartnershipModel model : PartnershipModel.values()) {
            ModelProfile profile = ModelProfile.of(model);
            long count = observed.stream().filter(profile::contains).count();
            counts.put(model, count);
            shares.put(model, observed.isEmpty() ? 0.0
                    : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(observed.size()), 3, RoundingMode.HALF_UP).doubleValue());
        }
        long best = Collections.max(counts.values());
        PartnershipModel bestFit;
        if (fold.model != null && (observed.isEmpty() || counts.get(fold.model) == best)) {
            bestFit = fold.model;
        } else {
            // a tie without the declared model among the tied (or with no declared model) goes to the first of RD, SI, SS
            bestFit = Arrays.stream(PartnershipModel.values()).filter(m -> counts.get(m) == best).findFirst().orElseThrow();
        }
        return new Assessment.ModelFit(shares, bestFit, fold.model != null && bestFit != fold.model);
    }
}
