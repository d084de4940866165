package org.datacollab.registry.partnership;

import org.datacollab.registry.partnership.rules.PartnershipState;
import org.datacollab.contracts.facts.PartnershipDescribed;
import org.datacollab.contracts.vocabulary.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A partnership's state as the API shows it (current, or as of a date). {@code model} is null while it is
 * unclassified; {@code description} is its latest catalogue description (or null) and {@code catalogueStatus}
 * the status derived from it and the phase (catalogue.md).
 */
public record PartnershipView(
        String ref, String name, PartnershipModel model, Timeframe timeframe, String societalIssue,
        String intendedGoal, String jurisdiction, Instant formedAt, Phase phase, Phase suspendedFrom,
        long version, Instant lastFactAt, List<Partner> partners, List<String> invited,
        List<OpenChallenge> openChallenges, List<Agreement> agreementsInForce, long deliveries,
        boolean catalogued, CatalogueStatus catalogueStatus, PartnershipDescribed description) {

    public record Partner(Organization organization, List<Role> roles) {
    }

    public record OpenChallenge(String challengeId, Challenge challenge, Instant raisedAt) {
    }

    public record Agreement(String agreementId, DeliveryCadence deliveryCadence, LocalDate validUntil) {
    }

    public static PartnershipView of(PartnershipState s) {
        var formed = s.formed();
        return new PartnershipView(formed.ref(), formed.name(), s.model(), formed.timeframe(), formed.societalIssue(),
                formed.intendedGoal(), formed.jurisdiction(), formed.occurredAt(), s.phase(), s.suspendedFrom(),
                s.version(), s.lastOccurredAt(),
                s.partners().entrySet().stream().map(e -> new Partner(s.directory().get(e.getKey()), e.getValue())).toList(),
                List.copyOf(s.invited()),
                s.challenges().values().stream().filter(c -> !c.resolved())
                        .map(c -> new OpenChallenge(c.challengeId(), c.challenge(), c.raisedAt())).toList(),
                s.agreements().values().stream().filter(a -> !a.ended())
                        .map(a -> new Agreement(a.agreementId(), a.cadence(), a.validUntil())).toList(),
                s.deliveries(), formed.formedByCatalogue(), s.catalogueStatus(), s.description());
    }
}
