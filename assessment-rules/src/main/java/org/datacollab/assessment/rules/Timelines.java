package org.datacollab.assessment.rules;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.ChallengeCategory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Builds a {@link Timeline} from a history, as of a day: a pure function like the assessment. */
public final class Timelines {

    private Timelines() {
    }

    public static Timeline of(List<PartnershipFact> history, LocalDate asOf) {
        List<PartnershipFact> ordered = Assessor.timeline(history).stream()
                .filter(f -> !Days.date(f.occurredAt()).isAfter(asOf)).toList();
        PartnershipFold fold = new PartnershipFold();
        List<Timeline.Entry> entries = new ArrayList<>();
        List<Integer> phaseAt = new ArrayList<>();
        List<Timeline.OpenByCategory> open = new ArrayList<>();
        List<Timeline.ModelFitChange> fits = new ArrayList<>();
        List<Timeline.DriverMark> drivers = new ArrayList<>();
        List<LocalDate> deliveries = new ArrayList<>();
        for (PartnershipFact fact : ordered) {
            fold.apply(fact);
            LocalDate on = Days.date(fact.occurredAt());
            entries.add(new Timeline.Entry(on, fact.factName(), summary(fact)));
            phaseAt.add(fold.phases.size() - 1);
            if (fact instanceof DriverObserved d) {
                drivers.add(new Timeline.DriverMark(on, d.driver().name(), d.organization()));
            }
            if (fact instanceof DataDelivered) {
                deliveries.add(on);
            }
            Map<String, Integer> counts = openByCategory(fold, on);
            if (open.isEmpty() || !open.getLast().open().equals(counts)) {
                if (!open.isEmpty() && open.getLast().on().equals(on)) {
                    open.removeLast();
                }
                open.add(new Timeline.OpenByCategory(on, counts));
            }
            Assessment.ModelFit fit = Assessor.modelFit(fold);
            if (fits.isEmpty() || fits.getLast().bestFit() != fit.bestFit() || fits.getLast().declared() != fold.model) {
                if (!fits.isEmpty() && fits.getLast().on().equals(on)) {
                    fits.removeLast();
                }
                fits.add(new Timeline.ModelFitChange(on, fold.model, fit.bestFit(), fit.shares()));
            }
        }
        List<Timeline.PhaseSpan> phases = new ArrayList<>();
        for (int i = 0; i < fold.phases.size(); i++) {
            PartnershipFold.PhaseSpan span = fold.phases.get(i);
            LocalDate to = i + 1 < fold.phases.size() ? fold.phases.get(i + 1).from().minusDays(1) : null;
            int index = i;
            List<Timeline.Entry> facts = new ArrayList<>();
            for (int e = 0; e < entries.size(); e++) {
                if (phaseAt.get(e) == index) {
                    facts.add(entries.get(e));
                }
            }
            phases.add(new Timeline.PhaseSpan(span.phase(), span.from(), to != null && to.isBefore(span.from()) ? span.from() : to, facts));
        }
        List<Timeline.ChallengeSpan> challenges = fold.challenges.values().stream().map(c -> {
            List<Timeline.MechanismMark> marks = new ArrayList<>();
            for (int i = 0; i < c.mechanisms().size(); i++) {
                marks.add(new Timeline.MechanismMark(c.mechanisms().get(i), c.mechanismDates().get(i)));
            }
            return new Timeline.ChallengeSpan(c.challengeId(), c.challenge(),
                    c.challenge().categories().stream().map(Enum::name).sorted().toList(), c.raisedOn(), marks, c.resolvedOn(),
                    c.resolvedOn() == null ? null : Days.between(c.raisedOn(), c.resolvedOn()));
        }).toList();
        String ref = fold.formed == null ? null : fold.formed.ref();
        return new Timeline(ref, asOf, phases, challenges, open, fits, drivers, deliveries);
    }

    private static Map<String, Integer> openByCategory(PartnershipFold fold, LocalDate on) {
        Map<ChallengeCategory, Integer> counts = new EnumMap<>(ChallengeCategory.class);
        for (ChallengeCategory category : ChallengeCategory.values()) {
            counts.put(category, 0);
        }
        fold.challenges.values().stream().filter(c -> c.openOn(on))
                .forEach(c -> c.challenge().categories().forEach(cat -> counts.merge(cat, 1, Integer::sum)));
        Map<String, Integer> named = new LinkedHashMap<>();
        counts.forEach((k, v) -> named.put(k.name(), v));
        return named;
    }

    /** A few words for the chart's tooltip. */
    static String summary(PartnershipFact fact) {
        return switch (fact) {
            case PartnershipFormed f -> "formed: " + f.name();
            case ModelReclassified f -> "reclassified as " + f.to();
            case PartnerJoined f -> f.organization().name() + " joined as " + f.roles();
            case PartnerRolesChanged f -> f.organization() + " now " + f.roles();
            case PartnerLeft f -> f.organization() + " left";
            case DriverObserved f -> "driver " + f.driver() + (f.organization() == null ? "" : " (" + f.organization() + ")");
            case ChallengeRaised f -> "challenge " + f.challengeId() + ": " + f.challenge();
            case MechanismApplied f -> "mechanism " + f.mechanism() + (f.addresses().isEmpty() ? "" : " for " + f.addresses());
            case ChallengeResolved f -> "resolved " + f.challengeId();
            case AgreementSigned f -> "agreement " + f.agreementId() + " (" + f.deliveryCadence() + ")";
            case AgreementEnded f -> "agreement " + f.agreementId() + " ended";
            case DataDelivered f -> f.provider() + " delivered " + f.dataset();
            case ProviderInvited f -> f.organization().name() + " invited";
            case ProviderDeclined f -> f.organization() + " declined";
            case FundingSecured f -> "funding " + f.fundingId() + " from " + f.funder();
            case FundingEnded f -> "funding " + f.fundingId() + " ended";
            case LeadershipChanged f -> "lead: " + Objects.requireNonNullElse(f.lead(), "none");
            case ParticipationAssessed f -> "participation of " + f.organization() + " assessed";
            case PhaseChanged f -> "phase " + f.to();
            case PartnershipEnded f -> "ended: " + f.outcome();
            case PartnershipDescribed f -> "described" + (f.collaborationType() == null ? "" : " as " + f.collaborationType())
                    + (f.inPublicCatalogue() ? " (published)" : "");
        };
    }
}
