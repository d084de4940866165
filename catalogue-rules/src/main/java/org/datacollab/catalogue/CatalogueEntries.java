package org.datacollab.catalogue;

import org.datacollab.contracts.facts.*;
import org.datacollab.contracts.vocabulary.Organization;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.contracts.vocabulary.Role;
import org.datacollab.lifecycle.Transitions;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partnership's catalogue entry from its facts, in recording order: a pure fold, used by the registry (to
 * match a catalogue row against what it knows) and by the assessment (to keep the searchable catalogue).
 */
public final class CatalogueEntries {

    private CatalogueEntries() {
    }

    /** The entry without what only the assessment knows (level, activity). */
    public static CatalogueEntry of(List<PartnershipFact> facts, String steward) {
        return fold(facts, steward);
    }

    /** The entry with the assessment's level, and its activity as of {@code asOf}. */
    public static CatalogueEntry of(List<PartnershipFact> facts, String steward, RiskLevel level, LocalDate asOf) {
        return fold(facts, steward).assessed(level, activity(facts, asOf));
    }

    private static CatalogueEntry fold(List<PartnershipFact> facts, String steward) {
        PartnershipFormed formed = (PartnershipFormed) facts.getFirst();
        var model = formed.model();
        Phase phase = Phase.FORMING;
        PartnershipDescribed description = null;
        Map<String, Organization> directory = new LinkedHashMap<>();
        Map<String, List<Role>> partners = new LinkedHashMap<>();
        if (formed.organizations() != null) {
            formed.organizations().forEach(o -> directory.put(o.ref(), o));
        }
        for (PartnershipFact fact : facts) {
            switch (fact) {
                case ModelReclassified f -> model = f.to();
                case PhaseChanged f -> phase = f.to();
                case PartnershipEnded f -> phase = Phase.ENDED;
                case PartnershipDescribed f -> description = f;
                case PartnerJoined f -> {
                    directory.putIfAbsent(f.organization().ref(), f.organization());
                    partners.put(f.organization().ref(), List.copyOf(f.roles()));
                }
                case ProviderInvited f -> directory.putIfAbsent(f.organization().ref(), f.organization());
                case PartnerRolesChanged f -> partners.put(f.organization(), List.copyOf(f.roles()));
                case PartnerLeft f -> partners.remove(f.organization());
                case LeadershipChanged f -> Transitions.changeLead(partners, f.lead());
                default -> { }
            }
        }
        List<CatalogueEntry.Partner> current = partners.entrySet().stream()
                .map(e -> new CatalogueEntry.Partner(e.getKey(), directory.containsKey(e.getKey())
                        ? directory.get(e.getKey()).name() : e.getKey(), e.getValue()))
                .toList();
        return new CatalogueEntry(formed.ref(), formed.name(), formed.societalIssue(), formed.intendedGoal(), formed.jurisdiction(),
                model, phase, formed.formedByCatalogue(), date(formed), steward, current, description, null, null);
    }

    /** The agreements signed and every month's deliveries (by occurredAt), up to the end of {@code asOf}. */
    static CatalogueEntry.Activity activity(List<PartnershipFact> facts, LocalDate asOf) {
        Map<String, CatalogueEntry.Agreement> agreements = new LinkedHashMap<>();
        Map<YearMonth, long[]> months = new TreeMap<>(); // count, records, bytes, with records, with bytes
        for (PartnershipFact fact : facts) {
            LocalDate on = date(fact);
            if (on.isAfter(asOf)) {
                continue;
            }
            switch (fact) {
                case AgreementSigned f -> agreements.put(f.agreementId(), new CatalogueEntry.Agreement(f.agreementId(), on, f.validUntil(), null));
                case AgreementEnded f -> agreements.computeIfPresent(f.agreementId(),
                        (id, a) -> new CatalogueEntry.Agreement(id, a.signedOn(), a.validUntil(), on));
                case DataDelivered f -> {
                    long[] month = months.computeIfAbsent(YearMonth.from(on), m -> new long[5]);
                    month[0]++;
                    if (f.records() != null) {
                        month[1] += f.records();
                        month[3]++;
                    }
                    if (f.bytes() != null) {
                        month[2] += f.bytes();
                        month[4]++;
                    }
                }
                default -> { }
            }
        }
        List<CatalogueEntry.MonthlyDeliveries> deliveries = months.entrySet().stream()
                .map(e -> new CatalogueEntry.MonthlyDeliveries(e.getKey().toString(), e.getValue()[0],
                        e.getValue()[3] == 0 ? null : e.getValue()[1], e.getValue()[4] == 0 ? null : e.getValue()[2]))
                .toList();
        return new CatalogueEntry.Activity(List.copyOf(agreements.values()), deliveries);
    }

    private static LocalDate date(PartnershipFact fact) {
        return LocalDate.ofInstant(fact.occurredAt(), ZoneOffset.UTC);
    }
}
