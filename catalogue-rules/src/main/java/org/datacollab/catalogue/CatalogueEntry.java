package org.datacollab.catalogue;

import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.CatalogueStatus;
import org.datacollab.contracts.vocabulary.PartnershipModel;
import org.datacollab.contracts.vocabulary.Phase;
import org.datacollab.contracts.vocabulary.RiskLevel;
import org.datacollab.contracts.vocabulary.Role;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.ArrayList;

/**
 * A partnership as the catalogue sees it: what it was formed as, its phase and partners, its latest
 * description (null when it has none), and what the assessment knows (its level; its agreements in force and
 * deliveries by month, for portfolio figures). {@code level} and {@code activity} are null where unknown
 * (the registry matching a row knows no level).
 */
public record CatalogueEntry(String ref, String name, String societalIssue, String intendedGoal, String jurisdiction,
                             PartnershipModel model, Phase phase, boolean catalogued, LocalDate formedOn, String steward,
                             List<Partner> partners, PartnershipDescribed description, RiskLevel level, Activity activity) {

    public CatalogueEntry {
        partners = List.copyOf(partners);
    }

    /** A current partner: its ref, name and roles. */
    public record Partner(String ref, String name, List<Role> roles) {
        public boolean holds(Role... any) {
            return roles.stream().anyMatch(role -> List.of(any).contains(role));
        }
    }

    /**
     * What happened, for portfolio figures: the agreements signed (with their terms, so that which are in force can
     * be told on any day) and the deliveries by month (by occurredAt).
     */
    public record Activity(List<Agreement> agreements, List<MonthlyDeliveries> deliveries) {
        public Activity {
            agreements = List.copyOf(agreements);
            deliveries = List.copyOf(deliveries);
        }

        /** DOMAIN.md: in force from its signing until it ends or until the end of its validUntil day. */
        public long agreementsInForce(LocalDate day) {
            return agreements.stream().filter(a -> a.inForceOn(day)).count();
        }
    }

    public record Agreement(String agreementId, LocalDate signedOn, LocalDate validUntil, LocalDate endedOn) {
        public boolean inForceOn(LocalDate day) {
            return !signedOn.isAfter(day) && (endedOn == null || endedOn.isAfter(day)) && (validUntil == null || !validUntil.isBefore(day));
        }
    }

    /** One month's deliveries: how many, and the records and bytes of those that said (null when none did). */
    public record MonthlyDeliveries(String month, long count, Long records, Long bytes) {
    }

    public CatalogueStatus status() {
        return CatalogueStatus.of(phase, description == null ? null : description.reportedStatus());
    }

    /** Whether the entry is in the public catalogue (its description says published). */
    public boolean published() {
        return description != null && description.inPublicCatalogue();
    }

    /** {@code model} by enum name, or UNCLASSIFIED (catalogue.md's facet and export value). */
    public String modelName() {
        return model == null ? "UNCLASSIFIED" : model.name();
    }

    /** The same entry with the assessment's level and activity. */
    public CatalogueEntry assessed(RiskLevel level, Activity activity) {
        return new CatalogueEntry(ref, name, societalIssue, intendedGoal, jurisdiction, model, phase, catalogued, formedOn,
                steward, partners, description, level, activity);
    }

    /** The organizations the entry belongs to for the {@code organization} facet: its partners, and its steward. */
    public List<String> organizations() {
        List<String> refs = new ArrayList<>(partners.stream().map(Partner::ref).toList());
        if (steward != null && !refs.contains(steward)) {
            refs.add(steward);
        }
        return refs;
    }

    public boolean sameAs(CatalogueEntry other) {
        return Objects.equals(this, other);
    }
}
