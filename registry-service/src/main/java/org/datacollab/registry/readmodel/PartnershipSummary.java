package org.datacollab.registry.readmodel;

import org.datacollab.contracts.facts.LeadershipChanged;
import org.datacollab.contracts.facts.ModelReclassified;
import org.datacollab.contracts.facts.PartnerJoined;
import org.datacollab.contracts.facts.PartnerLeft;
import org.datacollab.contracts.facts.PartnerRolesChanged;
import org.datacollab.contracts.facts.PartnershipEnded;
import org.datacollab.contracts.facts.PartnershipFact;
import org.datacollab.contracts.facts.PartnershipFormed;
import org.datacollab.contracts.facts.PhaseChanged;
import org.datacollab.contracts.vocabulary.Role;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What search and the organizations directory know of one partnership, folded from its facts: immutable,
 * each fact gives a new one. {@code version} is the sequence number of the last fact folded in, so a fact
 * seen again changes nothing.
 */
public record PartnershipSummary(String ref, String name, String model, String timeframe, String phase, String jurisdiction,
                                 String societalIssue, String intendedGoal, String formedAt, long version, String lastFactAt,
                                 String steward, List<Partner> partners, String text) {

    /** A current partner, with its roles. */
    public record Partner(String ref, String name, String sector, List<String> roles) {
    }

    /** The summary of a partnership just formed (version 0). */
    static PartnershipSummary formed(PartnershipFormed formed, String steward, Instant at) {
        String text = String.join(" ", formed.ref(), formed.name(), Objects.toString(formed.societalIssue(), ""),
                Objects.toString(formed.intendedGoal(), "")).toLowerCase(Locale.ROOT);
        return new PartnershipSummary(formed.ref(), formed.name(), name(formed.model()), name(formed.timeframe()), "FORMING",
                formed.jurisdiction(), formed.societalIssue(), formed.intendedGoal(), formed.occurredAt().toString(), 0,
                at.toString(), steward, List.of(), text);
    }

    /** This summary with the fact at {@code sequence} folded in; itself when the fact was folded in before. */
    PartnershipSummary with(PartnershipFact fact, long sequence, Instant at) {
        if (sequence <= version) {
            return this;
        }
        String nextModel = model;
        String nextPhase = phase;
        List<Partner> nextPartners = new ArrayList<>(partners);
        switch (fact) {
            case ModelReclassified f -> nextModel = name(f.to());
            case PhaseChanged f -> nextPhase = name(f.to());
            case PartnershipEnded f -> nextPhase = "ENDED";
            case PartnerJoined f -> nextPartners.add(new Partner(f.organization().ref(), f.organization().name(),
                    name(f.organization().sector()), f.roles().stream().map(Role::name).toList()));
            case PartnerRolesChanged f -> nextPartners.replaceAll(p -> p.ref().equals(f.organization())
                    ? new Partner(p.ref(), p.name(), p.sector(), f.roles().stream().map(Role::name).toList()) : p);
            case PartnerLeft f -> nextPartners.removeIf(p -> p.ref().equals(f.organization()));
            case LeadershipChanged f -> nextPartners.replaceAll(p -> withLead(p, p.ref().equals(f.lead())));
            default -> { }
        }
        return new PartnershipSummary(ref, name, nextModel, timeframe, nextPhase, jurisdiction, societalIssue, intendedGoal,
                formedAt, sequence, at.toString(), steward, List.copyOf(nextPartners), text);
    }

    List<String> partnerRefs() {
        return partners.stream().map(Partner::ref).toList();
    }

    private static Partner withLead(Partner partner, boolean lead) {
        List<String> roles = new ArrayList<>(partner.roles());
        roles.remove("LEAD");
        if (lead) {
            roles.addFirst("LEAD");
        }
        return new Partner(partner.ref(), partner.name(), partner.sector(), List.copyOf(roles));
    }

    /** An enum's name, or null for a value left out (an unclassified partnership, an organization without a sector). */
    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
